import { MAX_SELECTED_CLIENTS, parseClientSelection } from './client-selection';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('parseClientSelection', () => {
  it('accepts distinct ids, lower-cased', () => {
    expect(parseClientSelection([id(1), id(2).toUpperCase()])).toEqual([id(1), id(2)]);
  });

  it('refuses an empty or oversized selection', () => {
    expect(() => parseClientSelection([])).toThrow(
      expect.objectContaining({ code: 'CONNECTOR_SELECTION_SIZE_INVALID' }),
    );
    const tooMany = Array.from({ length: MAX_SELECTED_CLIENTS + 1 }, (_, i) => id(i));
    expect(() => parseClientSelection(tooMany)).toThrow(
      expect.objectContaining({ code: 'CONNECTOR_SELECTION_SIZE_INVALID' }),
    );
  });

  it('refuses a malformed id before it reaches SQL, naming its position', () => {
    expect(() => parseClientSelection([id(1), "1' OR 1=1"])).toThrow(
      expect.objectContaining({ code: 'INVALID_ID', field: 'clientIds.1' }),
    );
  });

  it('refuses the same client twice', () => {
    expect(() => parseClientSelection([id(1), id(1).toUpperCase()])).toThrow(
      expect.objectContaining({ code: 'CONNECTOR_SELECTION_DUPLICATE_CLIENT', field: 'clientIds.1' }),
    );
  });
});
