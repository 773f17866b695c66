/** The yearly confirmation, provenance in plain words, stopping mails, and the development outbox. */
const da = {
  'confirmation.lastConfirmed': 'Sidst bekræftet af virksomheden {date}',
  'confirmation.neverConfirmed': 'Virksomheden har endnu ikke bekræftet oplysningerne',
  'confirmation.badge': 'Ikke bekræftet i over et år',
  'confirmation.unconfirmed':
    'Virksomheden har ikke bekræftet disse oplysninger i over et år (sidst {date}). Noget kan have ændret sig – spørg leverandøren.',
  'confirmation.lapsed':
    'Virksomheden har ikke bekræftet disse oplysninger i over 15 måneder (sidst {date}). Derfor foreslår vi den ikke i "Find hjælp", men du kan stadig finde den her.',
  'confirmation.heading': 'Årlig bekræftelse',
  'confirmation.status': 'Sidst bekræftet {date}.',
  'confirmation.statusNever': 'Oplysningerne er ikke bekræftet endnu.',
  'confirmation.due':
    'Bekræft en gang om året, at oplysningerne stadig er rigtige. Efter et år markeres profilen, og efter 15 måneder foreslår vi den ikke længere i "Find hjælp".',
  'confirmation.button': 'Oplysningerne er stadig rigtige',
  'confirmation.done': 'Tak. {name} er bekræftet i dag.',
  'confirmation.refused': 'Du kan kun bekræfte oplysningerne for en virksomhed, du handler på vegne af.',
  'confirmation.failure': 'Bekræftelsen kunne ikke gemmes lige nu. Prøv igen om lidt.',
  'provenance.label': 'Kilde',
  'provenance.vendor': 'Oplyst af virksomheden {submitted}, godkendt af NCC-DK {approved}',
  'provenance.vendorNoDate': 'Oplyst af virksomheden, godkendt af NCC-DK',
  'provenance.staff': 'Indtastet af NCC-DK {date}',
  'provenance.staffNoDate': 'Indtastet af NCC-DK',
  'provenance.import': 'Importeret af NCC-DK {date}',
  'provenance.importNoDate': 'Importeret af NCC-DK',
  'provenance.sample': 'Eksempeldata: fiktive oplysninger, der følger med Cyberkort til afprøvning',
  'provenance.unknown': 'Kilden er ikke registreret',
  'unsubscribe.title': 'Afmeld mails fra Cyberkort',
  'unsubscribe.intro':
    'Cyberkort skriver til leverandører, når deres oplysninger skal bekræftes. Tryk på knappen for at stoppe mails til den adresse, linket blev sendt til.',
  'unsubscribe.button': 'Afmeld mails',
  'unsubscribe.done':
    'Du er afmeldt. Cyberkort sender ikke flere mails til adressen. Husk selv at bekræfte jeres oplysninger på Mine sider en gang om året.',
  'unsubscribe.invalid':
    'Linket er ikke gyldigt. Brug linket fra den seneste mail, eller skriv til NCC-DK, hvis du vil afmeldes.',
  'unsubscribe.failure': 'Afmeldingen kunne ikke gemmes lige nu. Prøv igen om lidt.',
  'outbox.title': 'Udgående post (kun til udvikling)',
  'outbox.intro':
    'Uden SMTP_URL sendes mails ikke, men lægges i mappen {dir}. Siden findes ikke i produktion eller når SMTP_URL er sat.',
  'outbox.empty': 'Der er ingen mails endnu.',
  'outbox.to': 'Til',
  'outbox.date': 'Dato',
  'outbox.headers': 'Særlige felter',
  'outbox.text': 'Ren tekst',
  'outbox.html': 'HTML',
};

const en: Record<keyof typeof da, string> = {
  'confirmation.lastConfirmed': 'Last confirmed by the company on {date}',
  'confirmation.neverConfirmed': 'The company has not yet confirmed this listing',
  'confirmation.badge': 'Not confirmed for over a year',
  'confirmation.unconfirmed':
    'The company has not confirmed this listing for over a year (last on {date}). Something may have changed – ask the provider.',
  'confirmation.lapsed':
    'The company has not confirmed this listing for over 15 months (last on {date}). We no longer suggest it in "Find help", but you can still find it here.',
  'confirmation.heading': 'Yearly confirmation',
  'confirmation.status': 'Last confirmed on {date}.',
  'confirmation.statusNever': 'The listing has not been confirmed yet.',
  'confirmation.due':
    'Once a year, confirm that the listing is still correct. After a year it is marked, and after 15 months we no longer suggest it in "Find help".',
  'confirmation.button': 'The listing is still correct',
  'confirmation.done': 'Thank you. {name} is confirmed as of today.',
  'confirmation.refused': 'You can only confirm the listing of a company you act for.',
  'confirmation.failure': 'The confirmation could not be saved right now. Please try again shortly.',
  'provenance.label': 'Source',
  'provenance.vendor': 'Provided by the company on {submitted}, approved by NCC-DK on {approved}',
  'provenance.vendorNoDate': 'Provided by the company, approved by NCC-DK',
  'provenance.staff': 'Entered by NCC-DK on {date}',
  'provenance.staffNoDate': 'Entered by NCC-DK',
  'provenance.import': 'Imported by NCC-DK on {date}',
  'provenance.importNoDate': 'Imported by NCC-DK',
  'provenance.sample': 'Sample data: fictional details that come with Cyberkort for trying it out',
  'provenance.unknown': 'The source is not recorded',
  'unsubscribe.title': 'Stop e-mails from Cyberkort',
  'unsubscribe.intro':
    'Cyberkort writes to providers when their listing is due to be confirmed. Press the button to stop e-mails to the address this link was sent to.',
  'unsubscribe.button': 'Stop e-mails',
  'unsubscribe.done':
    'You are unsubscribed. Cyberkort will send no more e-mails to that address. Remember to confirm your listing on My pages once a year.',
  'unsubscribe.invalid':
    'This link is not valid. Use the link in the latest e-mail, or write to NCC-DK if you want to be unsubscribed.',
  'unsubscribe.failure': 'The unsubscription could not be saved right now. Please try again shortly.',
  'outbox.title': 'Outgoing mail (development only)',
  'outbox.intro':
    'Without SMTP_URL mails are not sent but written to the folder {dir}. This page does not exist in production or when SMTP_URL is set.',
  'outbox.empty': 'No mails yet.',
  'outbox.to': 'To',
  'outbox.date': 'Date',
  'outbox.headers': 'Special headers',
  'outbox.text': 'Plain text',
  'outbox.html': 'HTML',
};

export const confirmationMessages = { da, en };
