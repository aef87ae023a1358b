import type { DemoResident } from './demo-residents.js';

/** The stand-in page's text in each language it speaks (checked for parity by a test). */
export const LOGIN_PAGE_TEXT = {
  en: {
    title: 'Local eID (development stand-in)',
    warning:
      'This is a local stand-in for the city’s eID, for development and testing only. It signs you in as an invented demo resident.',
    choose: 'Choose a demo resident',
    signInAs: 'Sign in as',
    born: 'born',
    cancel: 'Cancel and go back',
  },
  it: {
    title: 'eID locale (sostituto per lo sviluppo)',
    warning:
      'Questo è un sostituto locale dell’eID del Comune, solo per sviluppo e prove. Accedi come un residente dimostrativo inventato.',
    choose: 'Scegli un residente dimostrativo',
    signInAs: 'Accedi come',
    born: 'nato/a il',
    cancel: 'Annulla e torna indietro',
  },
} as const;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The stand-in's login page: plain HTML forms, no script, no inline style (strict CSP). */
export function renderLoginPage(input: {
  uid: string;
  residents: readonly DemoResident[];
  lang: 'en' | 'it';
}): string {
  const t = LOGIN_PAGE_TEXT[input.lang];
  const uid = encodeURIComponent(input.uid);
  const items = input.residents
    .map(
      (r) => `<li><form method="post" action="/eid/interaction/${uid}/login">
<input type="hidden" name="accountId" value="${escape(r.accountId)}">
<button type="submit" data-testid="eid-resident" data-account="${escape(r.accountId)}">${t.signInAs} ${escape(r.givenName)} ${escape(r.familyName)}</button>
<span> (${t.born} ${escape(r.birthdate)})</span></form></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${input.lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title></head>
<body><main><h1>${t.title}</h1>
<p role="note"><strong>${t.warning}</strong></p>
<h2>${t.choose}</h2>
<ul>${items}</ul>
<form method="post" action="/eid/interaction/${uid}/abort"><button type="submit">${t.cancel}</button></form>
</main></body></html>`;
}
