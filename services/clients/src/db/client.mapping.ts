import type { ClientEntity } from './client.entity';
import type { ClientData, Language } from '../domain/client';

/** Entity → the rules' view of a client. */
export function toClientData(e: ClientEntity): ClientData {
  return {
    enterpriseNumber: e.enterpriseNumber,
    companyName: e.companyName,
    clientCode: e.clientCode,
    email: e.email,
    phone: e.phone,
    language: e.language as Language,
    address:
      e.street !== null && e.postalCode !== null && e.city !== null && e.country !== null
        ? { street: e.street, postalCode: e.postalCode, city: e.city, country: e.country }
        : null,
  };
}

/** The rules' view → entity columns. */
export function toColumns(d: ClientData): Partial<ClientEntity> {
  return {
    enterpriseNumber: d.enterpriseNumber,
    companyName: d.companyName,
    clientCode: d.clientCode,
    email: d.email,
    phone: d.phone,
    language: d.language,
    street: d.address?.street ?? null,
    postalCode: d.address?.postalCode ?? null,
    city: d.address?.city ?? null,
    country: d.address?.country ?? null,
  };
}
