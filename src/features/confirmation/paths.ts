// The confirmation's and the unsubscribe link's pages live in the one route table.
export { confirmPath, unsubscribePath } from '../../i18n/routes';
