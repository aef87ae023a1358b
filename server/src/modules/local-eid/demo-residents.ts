/** A demo resident of the local eID stand-in. Invented people: any likeness is coincidental. */
export interface DemoResident {
  accountId: string;
  givenName: string;
  familyName: string;
  birthdate: string;
  /** Italian fiscal code (codice fiscale): the national identifier claim `fiscal_number`. */
  fiscalNumber: string;
}

export const DEMO_RESIDENTS: readonly DemoResident[] = [
  {
    accountId: 'demo-maria-rossi',
    givenName: 'Maria',
    familyName: 'Rossi',
    birthdate: '1985-08-01',
    fiscalNumber: 'TINIT-RSSMRA85M41H501U',
  },
  {
    accountId: 'demo-luca-bianchi',
    givenName: 'Luca',
    familyName: 'Bianchi',
    birthdate: '1972-03-15',
    fiscalNumber: 'TINIT-BNCLCU72C15F205L',
  },
  {
    accountId: 'demo-giulia-esposito',
    givenName: 'Giulia',
    familyName: 'Esposito',
    birthdate: '1999-11-23',
    fiscalNumber: 'TINIT-SPSGLI99S63F839E',
  },
  {
    accountId: 'demo-amina-haddad',
    givenName: 'Amina',
    familyName: 'Haddad',
    birthdate: '1990-05-30',
    fiscalNumber: 'TINIT-HDDMNA90E70L219F',
  },
];
