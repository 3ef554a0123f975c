import type { NewsletterPreset, SectionDef } from './types';
import { xmppNewsletter } from './xmpp';

/**
 * The XMPP Newsletter with the section names it uses since 2024 (shape of the September 2024
 * issue, published 2024-10-05): a banner and a shorter intro, "XMPP Articles",
 * "XMPP Software News" with "XMPP …" subsections, a "Rejected" XEP section and the
 * "Unsubscribe" block. Section ids are those of the 2023 preset, so items move between the
 * two without being refiled.
 */

const renamed: Readonly<Record<string, Partial<SectionDef>>> = {
  articles: { heading: 'XMPP Articles' },
  software: { heading: 'XMPP Software News' },
  clients: { heading: 'XMPP Clients and Applications' },
  servers: { heading: 'XMPP Servers' },
  libraries: { heading: 'XMPP Libraries & Tools' },
  'xep-stable': { placeholder: '- No XEP moved to Stable this month.' },
};

const rejected: SectionDef = {
  id: 'xep-rejected',
  heading: 'Rejected',
  label: 'XEP Rejected',
  level: 3,
  kind: 'collected',
  placeholder: '- No XEP rejected this month.',
  hints: { kinds: ['xep'], xepStatuses: ['Rejected'] },
};

const unsubscribe: SectionDef = {
  id: 'unsubscribe',
  heading: 'Unsubscribe from the XMPP Newsletter',
  level: 2,
  kind: 'fixed',
  body: [
    'To unsubscribe from this list, [please log in first](https://mail.jabber.org/accounts/login/?next=/postorius/lists/newsletter.xmpp.org/).',
    'If you have not previously logged in, you may need to set up an account with the appropriate email address.',
  ].join('\n'),
};

function sections2024(): SectionDef[] {
  const out: SectionDef[] = [];
  for (const section of xmppNewsletter.sections) {
    if (section.id === 'license') out.push(unsubscribe);
    out.push({ ...section, ...renamed[section.id] });
    if (section.id === 'xep-deprecated') out.push(rejected);
  }
  return out;
}

export const xmppNewsletter2024: NewsletterPreset = {
  ...xmppNewsletter,
  id: 'xmpp-2024',
  name: 'The XMPP Newsletter (2024 section names)',
  intro: [
    '{{< figure src="/images/newsletter/xmpp_newsletter_banner.jpg" caption="XMPP Newsletter Banner" >}}',
    '',
    'Welcome to the XMPP Newsletter, great to have you here again!',
    'This issue covers the month of {month} {year}.',
  ].join('\n'),
  sections: sections2024(),
};
