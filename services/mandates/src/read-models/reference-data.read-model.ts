import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { BankEntity } from '../db/bank.entity';
import { MandateSoftwareEntity } from '../db/mandate-software.entity';
import { SocialSecretariatEntity } from '../db/social-secretariat.entity';

/**
 * Reads of the platform's reference data. The tables hold a few dozen rows, so lists are read
 * whole, in name order regardless of case ("vdk bank" sorts among the Vs).
 */
export function createReferenceDataReadModel(db: DataSource | EntityManager) {
  const all = <T extends ObjectLiteral>(entity: EntityTarget<T>): Promise<T[]> =>
    db.getRepository(entity).createQueryBuilder('r').orderBy('lower(r.name)').addOrderBy('r.id').getMany();
  const byId = <T extends ObjectLiteral>(entity: EntityTarget<T>, id: string): Promise<T | null> =>
    db.getRepository(entity).createQueryBuilder('r').where('r.id = :id', { id }).getOne();

  return {
    banks: () => all(BankEntity),
    bankById: (id: string) => byId(BankEntity, id),
    socialSecretariats: () => all(SocialSecretariatEntity),
    socialSecretariatById: (id: string) => byId(SocialSecretariatEntity, id),
    mandateSoftwares: () => all(MandateSoftwareEntity),
    mandateSoftwareById: (id: string) => byId(MandateSoftwareEntity, id),
  };
}

export type ReferenceDataReadModel = ReturnType<typeof createReferenceDataReadModel>;
