import { parseSoftwareId } from './connector-software-id';

describe('parseSoftwareId', () => {
  it.each([
    ['exact-online', 'exact-online'],
    [' BOB50 ', 'bob50'],
  ])('accepts %p', (input, expected) => {
    expect(parseSoftwareId(input)).toBe(expected);
  });

  it.each(['', '-octopus', 'octopus-', "yuki'; DROP TABLE connector; --", 'x'.repeat(41)])(
    'treats %p as unknown',
    (input) => {
      expect(() => parseSoftwareId(input)).toThrow(
        expect.objectContaining({ code: 'CONNECTOR_SOFTWARE_UNKNOWN', field: 'softwareId' }),
      );
    },
  );
});
