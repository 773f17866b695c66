import { builder } from './builder';
import './types/common';
import './types/taxonomy';
import './types/need';
import './types/company';
import './types/product';
import './types/search';
import './types/match';
import './types/errors';
import './types/provenance';
import './types/submission';
import './types/audit';
import './types/confirmation';
import './types/api-token';
import './types/company-access';
import './types/import';

export const schema = builder.toSchema({ sortSchema: true });
