import { parseApprovalNumber } from './approval-number';

describe('parseApprovalNumber', () => {
  it.each([
    ['012345', '012345'],
    ['012 345', '012345'],
    [' 01.23.45 ', '012345'],
    ['999-999', '999999'],
  ])('accepts %s', (input, expected) => {
    expect(parseApprovalNumber(input)).toBe(expected);
  });

  it.each(['', '12345', '1234567', 'A12345', '000000', '12 34 5x'])('refuses "%s"', (input) => {
    expect(() => parseApprovalNumber(input)).toThrow(
      expect.objectContaining({ code: 'TS_APPROVAL_NUMBER_INVALID', field: 'approvalNumber' }),
    );
  });
});
