import type { SkillNode } from '../../../../graph/catalog';
import type { CategoryNode, CsfFunctionNode, MunicipalityView, RegionView } from '../../../../graph/views';
import { builder } from '../builder';
import { CodeNameRef, LocalizedText } from './common';

export const RegionRef = builder.objectRef<RegionView>('Region');
export const MunicipalityRef = builder.objectRef<MunicipalityView>('Municipality');

RegionRef.implement({
  authScopes: { public: true },
  description: 'One of the five Danish regions (official region code, e.g. 1084).',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    nameEn: t.exposeString('nameEn'),
    municipalities: t.field({
      type: [MunicipalityRef],
      // The largest region has 29 municipalities; the general list estimate (10) would let the
      // region → municipality → region cycle through at a third of its real size.
      complexity: { field: 1, multiplier: 30 },
      resolve: async (region, _args, { services }) =>
        (await services.catalog.taxonomy()).regions.find((r) => r.code === region.code)?.municipalities ?? [],
    }),
  }),
});

MunicipalityRef.implement({
  authScopes: { public: true },
  description: 'One of the 98 Danish municipalities (official municipality code, e.g. 101).',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    region: t.field({
      type: RegionRef,
      resolve: async (municipality, _args, { services }) => {
        const region = (await services.catalog.taxonomy()).regions.find((r) => r.code === municipality.regionCode);
        if (!region) throw new Error(`municipality ${municipality.code} has no region`);
        return region;
      },
    }),
  }),
});

export const CategoryRef = builder.objectRef<CategoryNode>('Category');
CategoryRef.implement({
  authScopes: { public: true },
  description: 'A JRC cybersecurity domain, or a service/product category under one.',
  fields: (t) => ({
    code: t.exposeString('code'),
    scheme: t.exposeString('scheme', { description: "'jrc-domain' or 'service'" }),
    name: t.field({ type: LocalizedText, resolve: (category) => category.name }),
    children: t.field({ type: [CategoryRef], resolve: (category) => category.children }),
  }),
});

export const CsfFunctionRef = builder.objectRef<CsfFunctionNode>('CsfFunction').implement({
  authScopes: { public: true },
  description: 'A NIST CSF 2.0 function (GV, ID, PR, DE, RS, RC) with its categories.',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.field({ type: LocalizedText, resolve: (f) => f.name }),
    categories: t.field({ type: [CodeNameRef], resolve: (f) => f.categories }),
  }),
});

export const SkillRef = builder.objectRef<SkillNode>('Skill');
SkillRef.implement({
  authScopes: { public: true },
  description: 'An ECSF role profile (kind role) or a finer skill under one (kind skill).',
  fields: (t) => ({
    code: t.exposeString('code'),
    kind: t.exposeString('kind'),
    name: t.field({ type: LocalizedText, resolve: (skill) => skill.name }),
    children: t.field({ type: [SkillRef], resolve: (skill) => skill.children }),
  }),
});

const CertificationTermRef = builder.objectRef<{ code: string; name: { da: string }; kind: string }>(
  'CertificationScheme',
);
CertificationTermRef.implement({
  authScopes: { public: true },
  description: 'A certification or label a company or its staff can hold.',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.string({ resolve: (c) => c.name.da }),
    kind: t.exposeString('kind', { description: "'organisation' or 'personal'" }),
  }),
});

builder.queryFields((t) => ({
  regions: t.field({
    authScopes: { public: true },
    type: [RegionRef],
    description: 'The five regions, each with its municipalities.',
    resolve: async (_root, _args, { services }) => (await services.catalog.taxonomy()).regions,
  }),
  categories: t.field({
    authScopes: { public: true },
    type: [CategoryRef],
    description: 'The category tree: JRC domains with the service categories under them.',
    resolve: async (_root, _args, { services }) => (await services.catalog.taxonomy()).categories,
  }),
  csfFunctions: t.field({
    authScopes: { public: true },
    type: [CsfFunctionRef],
    description: 'NIST CSF 2.0 functions with their 22 categories.',
    resolve: async (_root, _args, { services }) => (await services.catalog.taxonomy()).csfFunctions,
  }),
  skills: t.field({
    authScopes: { public: true },
    type: [SkillRef],
    description: 'ECSF role profiles with their finer skills.',
    resolve: async (_root, _args, { services }) => (await services.catalog.taxonomy()).skills,
  }),
  sectors: t.field({
    authScopes: { public: true },
    type: [CodeNameRef],
    resolve: async (_root, _args, { services }) => (await services.catalog.taxonomy()).sectors,
  }),
  regulations: t.field({
    authScopes: { public: true },
    type: [CodeNameRef],
    resolve: async (_root, _args, { services }) => (await services.catalog.taxonomy()).regulations,
  }),
  certificationSchemes: t.field({
    authScopes: { public: true },
    type: [CertificationTermRef],
    resolve: async (_root, _args, { services }) => (await services.catalog.taxonomy()).certifications,
  }),
}));
