import { z } from 'zod';
import {
  ALLIANCE_KINDS, DISCIPLINES, INDICATORS, LOWER_LEVEL_ACCEPTANCE, MARK_FORMS, MARKED_LEVEL_RULES,
  type HospitalOverride, type RegionPolicy,
} from '../../rules';

/**
 * The shapes the store keeps, as the store knows them. Input limits are the edge's business (the API
 * schemas); these only say what a stored row holds, and the JSON columns are read back through the
 * schemas below so fields added after a row was written get their defaults.
 */

export interface InstitutionRecord {
  readonly id: string;
  readonly name: string;
  readonly level: 1 | 2 | 3;
  readonly grade: string | null;
  readonly region: string;
  alliances: string[];
  readonly localCodeSystem: string | null;
}

export interface Alliance {
  readonly id: string;
  readonly name: string;
  readonly kind: (typeof ALLIANCE_KINDS)[number];
}

export interface CdsClient {
  readonly issuer: string;
  readonly hospitalId: string;
  jwks: { keys: Record<string, unknown>[] } | null;
  jkuAllowlist: string[];
  fhirServers?: string[] | undefined;
}

export interface CodeMapping {
  readonly institutionId: string;
  readonly localCode: string;
  readonly localName: string;
  readonly itemCode: string;
}

export interface LocalTestSystem {
  readonly institutionId: string;
  readonly itemCode: string;
  readonly method: string | null;
  readonly brand: string | null;
}

const mark = z.object({ text: z.string(), forms: z.array(z.enum(MARK_FORMS)) });

export const storedRegionPolicy = z.object({
  code: z.string(),
  name: z.string(),
  markRequired: z.boolean(),
  marks: z.object({ lab: z.array(mark), imaging: z.array(mark) }),
  markedLevelRule: z.enum(MARKED_LEVEL_RULES).default('hierarchy'),
  annotationRequired: z.boolean().default(false),
  assessmentIntervalMonths: z.number().nullable().default(null),
  lowerLevelAcceptance: z.object({ default: z.enum(LOWER_LEVEL_ACCEPTANCE), max: z.enum(LOWER_LEVEL_ACCEPTANCE) }),
  partnerRegions: z.array(z.string()),
}) satisfies z.ZodType<RegionPolicy, unknown>;

export const storedHospitalOverride = z.object({
  disabledItems: z.array(z.string()).default([]),
  disabledDisciplines: z.array(z.enum(DISCIPLINES)).default([]),
  windowDays: z.record(z.string(), z.number()).default({}),
  indicator: z.enum(INDICATORS).optional(),
  silenceInEmergency: z.boolean().optional(),
  requireMethodMatch: z.boolean().optional(),
  lowerLevelAcceptance: z.enum(LOWER_LEVEL_ACCEPTANCE).optional(),
}) satisfies z.ZodType<HospitalOverride, unknown>;
