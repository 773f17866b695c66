/**
 * Where an SME under attack gets help first: the national Cyberhotline for digital security (run by the Danish
 * Agency for Digital Government with the Centre for Cyber Security). Number and hours as published on
 * https://sikkerdigital.dk/cyberhotline (checked 2026-12-02); reporting to the police at politi.dk.
 */
export const CYBERHOTLINE = {
  phone: '33 37 00 37',
  tel: '+4533370037',
  url: 'https://sikkerdigital.dk/cyberhotline',
} as const;

export const POLICE_REPORT_URL = 'https://politi.dk/anmeld';
