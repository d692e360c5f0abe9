import { CONNECTOR_STATES } from './connector';
import { CONNECTOR_TRANSITIONS, nextConnectorState } from './connector-state-machine';

describe('nextConnectorState', () => {
  it('validates a pending connector', () => {
    expect(nextConnectorState('PENDING_VALIDATION', 'VALIDATE')).toBe('ACTIVE');
  });

  it('deletes a connector before or after validation', () => {
    expect(nextConnectorState('PENDING_VALIDATION', 'DELETE')).toBe('DELETED');
    expect(nextConnectorState('ACTIVE', 'DELETE')).toBe('DELETED');
  });

  it.each([
    ['ACTIVE', 'VALIDATE'],
    ['DELETED', 'VALIDATE'],
    ['DELETED', 'DELETE'],
  ] as const)('refuses %s → %s with a typed error', (state, action) => {
    expect(() => nextConnectorState(state, action)).toThrow(
      expect.objectContaining({ code: 'CONNECTOR_ILLEGAL_TRANSITION', details: { state, action } }),
    );
  });

  it('has a row for every state, and DELETED is final', () => {
    expect(Object.keys(CONNECTOR_TRANSITIONS).sort()).toEqual([...CONNECTOR_STATES].sort());
    expect(CONNECTOR_TRANSITIONS.DELETED).toEqual({});
  });
});
