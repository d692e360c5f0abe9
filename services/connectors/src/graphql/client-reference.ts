/** A Client as this service knows it: only its id (the clients service owns the rest). */
export interface ClientReference {
  id: string;
}
