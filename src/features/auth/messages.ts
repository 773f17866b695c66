/** Login, logout, the account corner of the header and "Mine sider". */
const da = {
  'auth.login': 'Log ind',
  'auth.logout': 'Log ud',
  'auth.myPages': 'Mine sider',
  'auth.accountLabel': 'Din konto',
  'auth.loggedInAs': 'Logget ind som {name}',

  'auth.login.title': 'Log ind på Cyberkort',
  'auth.login.metaDescription': 'Log ind på Cyberkort som virksomhed med MitID Erhverv eller som medarbejder i NCC-DK.',
  'auth.login.intro': 'Vælg, hvordan du vil logge ind.',
  'auth.login.vendor': 'Virksomhed (MitID Erhverv)',
  'auth.login.vendorHelp':
    'For virksomheder, der vil vise eller rette deres oplysninger i Cyberkort. Du logger ind med MitID Erhverv for den virksomhed, du handler på vegne af.',
  'auth.login.staff': 'NCC-medarbejder',
  'auth.login.staffHelp': 'For medarbejdere i NCC-DK, der gennemgår og godkender oplysninger.',
  'auth.login.privacy':
    'Vi gemmer kun dit navn, din e-mailadresse og det CVR-nummer, du logger ind for. Du bliver logget ud efter 30 minutter uden aktivitet og senest 8 timer efter, at du loggede ind.',
  'auth.login.already': 'Du er allerede logget ind som {name}.',

  'auth.my.title': 'Mine sider',
  'auth.my.intro': 'Her kan du se, hvem du er logget ind som, og hvad du har adgang til.',
  'auth.my.name': 'Navn',
  'auth.my.email': 'E-mail',
  'auth.my.cvr': 'CVR-nummer, du handler for',
  'auth.my.roles': 'Roller',
  'auth.role.reviewer': 'Godkender',
  'auth.role.admin': 'Administrator',

  'auth.failure.title': 'Du blev ikke logget ind',
  'auth.failure.refusedTitle': 'Handlingen blev afvist',
  'auth.failure.EXPIRED':
    'Login tog for lang tid, eller det blev startet i et andet vindue. Start forfra, så virker det som regel.',
  'auth.failure.REFUSED': 'Svaret fra login-tjenesten kunne ikke godkendes. Start forfra.',
  'auth.failure.CANCELLED': 'Du afbrød login. Der er ikke sket noget.',
  'auth.failure.NO_CVR':
    'Dit login indeholdt ikke et CVR-nummer. Log ind med MitID Erhverv for den virksomhed, du handler på vegne af.',
  'auth.failure.NO_ROLE':
    'Din bruger har ikke adgang til Cyberkorts sider for medarbejdere. Kontakt en administrator i NCC-DK.',
  'auth.failure.UNAVAILABLE': 'Login-tjenesten svarer ikke lige nu. Prøv igen om lidt.',
  'auth.failure.BAD_REQUEST': 'Vælg, om du logger ind som virksomhed eller som NCC-medarbejder.',
  'auth.failure.FORBIDDEN':
    'Formularen blev afvist, fordi den ikke kom fra en side på Cyberkort. Hent siden igen, og prøv igen.',
  'auth.failure.RATE_LIMITED': 'For mange forsøg fra din adresse. Vent et minut, og prøv igen.',
  'auth.failure.ERROR': 'Noget gik galt hos os. Prøv igen om lidt.',
  'auth.failure.tryAgain': 'Til siden for login',
  'auth.failure.home': 'Gå til forsiden',
};

const en: Record<keyof typeof da, string> = {
  'auth.login': 'Log in',
  'auth.logout': 'Log out',
  'auth.myPages': 'My pages',
  'auth.accountLabel': 'Your account',
  'auth.loggedInAs': 'Logged in as {name}',

  'auth.login.title': 'Log in to Cyberkort',
  'auth.login.metaDescription': 'Log in to Cyberkort as a company with MitID Erhverv, or as NCC-DK staff.',
  'auth.login.intro': 'Choose how you want to log in.',
  'auth.login.vendor': 'Company (MitID Erhverv)',
  'auth.login.vendorHelp':
    'For companies that want to list or correct their details in Cyberkort. You log in with MitID Erhverv for the company you act for.',
  'auth.login.staff': 'NCC staff',
  'auth.login.staffHelp': 'For NCC-DK staff who review and approve listings.',
  'auth.login.privacy':
    'We keep only your name, your e-mail address and the CVR number you log in for. You are logged out after 30 minutes without activity, and at the latest 8 hours after you logged in.',
  'auth.login.already': 'You are already logged in as {name}.',

  'auth.my.title': 'My pages',
  'auth.my.intro': 'Who you are logged in as, and what you have access to.',
  'auth.my.name': 'Name',
  'auth.my.email': 'E-mail',
  'auth.my.cvr': 'CVR number you act for',
  'auth.my.roles': 'Roles',
  'auth.role.reviewer': 'Reviewer',
  'auth.role.admin': 'Administrator',

  'auth.failure.title': 'You were not logged in',
  'auth.failure.refusedTitle': 'The request was refused',
  'auth.failure.EXPIRED': 'The login took too long, or it was started in another window. Starting again usually works.',
  'auth.failure.REFUSED': 'The answer from the login service could not be accepted. Please start again.',
  'auth.failure.CANCELLED': 'You cancelled the login. Nothing has happened.',
  'auth.failure.NO_CVR':
    'Your login did not include a CVR number. Log in with MitID Erhverv for the company you act for.',
  'auth.failure.NO_ROLE': "Your account has no access to Cyberkort's staff pages. Contact an administrator at NCC-DK.",
  'auth.failure.UNAVAILABLE': 'The login service is not answering right now. Please try again shortly.',
  'auth.failure.BAD_REQUEST': 'Choose whether you log in as a company or as NCC staff.',
  'auth.failure.FORBIDDEN':
    'The form was refused because it did not come from a page on Cyberkort. Reload the page and try again.',
  'auth.failure.RATE_LIMITED': 'Too many attempts from your address. Wait a minute and try again.',
  'auth.failure.ERROR': 'Something went wrong on our side. Please try again shortly.',
  'auth.failure.tryAgain': 'Go to the login page',
  'auth.failure.home': 'Go to the front page',
};

export const authMessages = { da, en };
