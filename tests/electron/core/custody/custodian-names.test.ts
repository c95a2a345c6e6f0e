import { describe, expect, it } from 'vitest';
import { custodianName, distinctCustodians } from '../../../../electron/core/custody/custodian-names';

describe('custodian names', () => {
  it("trims, collapses spaces and keeps the custodian's own spelling (NFC) for display", () => {
    expect(custodianName('  Zoë   O\u2019Brien \n')).toEqual({
      display: 'Zoë O\u2019Brien',
      key: 'zoë o\u2019brien',
    });
    expect(custodianName('Zoe\u0308').display).toBe('Zoë');
  });

  it('treats case, decomposed accents and compatibility forms as one person', () => {
    for (const [a, b] of [
      ['Ada Officer', 'ADA  OFFICER'],
      ['Zoë', 'Zoe\u0308'],
      ['Ofﬁcer', 'officer'],
      ['Ａda', 'ada'],
    ]) {
      expect(() => distinctCustodians([a!, b!])).toThrow(/are the same custodian/);
    }
    expect(distinctCustodians(['Ada', 'Bo', 'Cy']).map((n) => n.display)).toEqual(['Ada', 'Bo', 'Cy']);
  });

  it('refuses empty and over-long names, naming which custodian', () => {
    expect(() => distinctCustodians(['Ada', '   '])).toThrow("The custodian 2's name is empty.");
    expect(() => custodianName('x'.repeat(81))).toThrow(/81 characters long/);
  });
});
