import { DomainError } from '../errors';
import { movesTable, stateMachine } from './state-machine';

type Door = 'OPEN' | 'CLOSED' | 'LOCKED';
type DoorAction = 'CLOSE' | 'OPEN' | 'LOCK';

const door = stateMachine<Door, DoorAction>(
  { OPEN: { CLOSE: 'CLOSED' }, CLOSED: { OPEN: 'OPEN', LOCK: 'LOCKED' }, LOCKED: {} },
  (from, action) =>
    new DomainError('DOOR_ILLEGAL_TRANSITION', `${action} a door ${from}`, undefined, { from, action }),
);

describe('stateMachine', () => {
  it('follows the table', () => {
    expect(door.next('CLOSED', 'LOCK')).toBe('LOCKED');
    expect(door.can('OPEN', 'CLOSE')).toBe(true);
    expect(door.actionsFrom('CLOSED')).toEqual(['OPEN', 'LOCK']);
    expect(door.states).toEqual(['OPEN', 'CLOSED', 'LOCKED']);
  });

  it('refuses what the table does not list with the machine’s typed error', () => {
    expect(door.can('LOCKED', 'OPEN')).toBe(false);
    expect(() => door.next('LOCKED', 'OPEN')).toThrow(
      expect.objectContaining({
        code: 'DOOR_ILLEGAL_TRANSITION',
        details: { from: 'LOCKED', action: 'OPEN' },
      }),
    );
  });

  it('reads a state → states table as the same shape', () => {
    const moves = stateMachine(
      movesTable<Door>({ OPEN: ['CLOSED'], CLOSED: ['OPEN', 'LOCKED'], LOCKED: [] }),
      () => new DomainError('X', 'x'),
    );
    expect(moves.next('CLOSED', 'LOCKED')).toBe('LOCKED');
    expect(moves.can('OPEN', 'LOCKED')).toBe(false);
  });
});
