/** Euro cents as a Belgian French amount (1234 → 12,34 €). */
export const euros = (cents: number) =>
  (cents / 100).toLocaleString('fr-BE', { style: 'currency', currency: 'EUR' });
