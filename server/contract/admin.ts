import { z } from 'zod';
import {
  ALLIANCE_KINDS,
  ANNOTATIONS,
  DISCIPLINES,
  INDICATORS,
  ITEM_KINDS,
  LOWER_LEVEL_ACCEPTANCE,
  MARK_FORMS,
  MARKED_LEVEL_RULES,
  QUALIFICATION_KINDS,
  WINDOW_UNITS,
  type HospitalOverride,
  type Qualification,
  type RecognitionItem,
  type RegionPolicy,
} from '../../rules';

/** Validators for the reference data the platform operator and administrators manage. */

const code = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\w.:-]+$/, 'letters, digits and . : - _ only');
const localDate = z.iso.date();

export const recognitionItemSchema = z
  .object({
    code,
    nameZh: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().min(1).max(200),
    kind: z.enum(ITEM_KINDS),
    discipline: z.enum(DISCIPLINES),
    modality: z.string().trim().min(1).max(8).nullable(),
    bodySite: z.string().trim().min(1).max(64).nullable(),
    window: z.object({ amount: z.number().int().min(0).max(3650), unit: z.enum(WINDOW_UNITS) }),
    annotation: z.enum(ANNOTATIONS),
    contains: z.array(code).max(200).default([]),
    synonyms: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    onRegionalList: z.boolean().default(true),
    loinc: z
      .string()
      .regex(/^\d{1,7}-\d$/, 'a LOINC code such as 2160-0')
      .nullable(),
    priceFen: z.number().int().min(0),
    active: z.boolean(),
  })
  .refine((item) => (item.kind === 'imaging') === (item.modality !== null), {
    message: 'imaging items have a modality, lab items none',
    path: ['modality'],
  })
  .refine((item) => !item.contains.includes(item.code), {
    message: 'an item cannot contain itself',
    path: ['contains'],
  }) satisfies z.ZodType<RecognitionItem, unknown>;

export const recognitionMarkSchema = z.object({
  text: z.string().trim().min(1).max(64),
  forms: z.array(z.enum(MARK_FORMS)).min(1),
});

export const regionPolicySchema = z.object({
  code,
  name: z.string().trim().min(1).max(100),
  markRequired: z.boolean(),
  marks: z.object({ lab: z.array(recognitionMarkSchema), imaging: z.array(recognitionMarkSchema) }),
  markedLevelRule: z.enum(MARKED_LEVEL_RULES).default('hierarchy'),
  annotationRequired: z.boolean().default(false),
  assessmentIntervalMonths: z.number().int().min(1).max(60).nullable().default(null),
  lowerLevelAcceptance: z.object({ default: z.enum(LOWER_LEVEL_ACCEPTANCE), max: z.enum(LOWER_LEVEL_ACCEPTANCE) }),
  partnerRegions: z.array(code),
}) satisfies z.ZodType<RegionPolicy, unknown>;

/** A FHIR code system URI of a hospital's own codes. */
const localCodeSystem = z.string().trim().min(1).max(255);

export const institutionSchema = z.object({
  id: code,
  name: z.string().trim().min(1).max(200),
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  grade: z.string().trim().min(1).max(8).nullable(),
  region: code,
  alliances: z.array(code),
  /**
   * The FHIR code systems of the hospital's own codes (LIS item codes, RIS exam codes, CPT…), each
   * mapped through its own code mappings. The first is the one assumed where a sender names none.
   */
  localCodeSystems: z
    .array(localCodeSystem)
    .max(10)
    .refine((systems) => new Set(systems).size === systems.length, 'a code system is listed twice'),
});
export type InstitutionRecord = z.infer<typeof institutionSchema>;

/** 紧密型医联体 and 县域医共体 are close (all items recognised among members, 004); other alliances loose. */
export const allianceSchema = z.object({
  id: code,
  name: z.string().trim().min(1).max(200),
  kind: z.enum(ALLIANCE_KINDS).default('loose'),
});
export type Alliance = z.infer<typeof allianceSchema>;

export const qualificationSchema = z
  .object({
    institutionId: code,
    scope: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('item'), itemCode: code }),
      z.object({ kind: z.literal('discipline'), discipline: z.enum(DISCIPLINES) }),
    ]),
    kind: z.enum(QUALIFICATION_KINDS),
    passed: z.boolean(),
    validFrom: localDate,
    validUntil: localDate,
    withdrawnOn: localDate.nullable(),
  })
  .refine((q) => q.validFrom <= q.validUntil, {
    message: 'validFrom must not be after validUntil',
    path: ['validUntil'],
  }) satisfies z.ZodType<Qualification>;

export const codeMappingSchema = z.object({
  institutionId: code,
  /** One of the hospital's `localCodeSystems`. */
  system: localCodeSystem,
  localCode: z.string().trim().min(1).max(64),
  localName: z.string().trim().min(1).max(200),
  itemCode: code,
});
export type CodeMapping = z.infer<typeof codeMappingSchema>;

/** One mapping made in place (from the unmapped-codes list): the hospital is the admin token's. */
export const codeMappingInputSchema = z.strictObject({
  /** Null: the hospital's first local code system. */
  system: localCodeSystem.nullable().default(null),
  localCode: z.string().trim().min(1).max(64),
  localName: z.string().trim().min(1).max(200).nullable().default(null),
  itemCode: z.string().trim().min(1).max(64),
});

/** POST /api/admin/rules/rollback: version 0 is the region's defaults (no hospital rules). */
export const rollbackInputSchema = z.strictObject({ version: z.number().int().min(0) });

/** POST /api/admin/rules/dry-run: the override is checked against the region's bounds by the route. */
export const dryRunInputSchema = z.strictObject({
  override: z.unknown(),
  days: z.number().int().min(1).max(365).default(30),
});

export const localTestSystemSchema = z.object({
  institutionId: code,
  itemCode: code,
  method: z.string().trim().min(1).max(100).nullable(),
  brand: z.string().trim().min(1).max(100).nullable(),
});
export type LocalTestSystem = z.infer<typeof localTestSystemSchema>;

export const hospitalOverrideSchema = z.strictObject({
  disabledItems: z.array(code).max(2000).default([]),
  disabledDisciplines: z.array(z.enum(DISCIPLINES)).default([]),
  windowDays: z.record(code, z.number().int().min(0).max(3650)).default({}),
  indicator: z.enum(INDICATORS).optional(),
  silenceInEmergency: z.boolean().optional(),
  requireMethodMatch: z.boolean().optional(),
  lowerLevelAcceptance: z.enum(LOWER_LEVEL_ACCEPTANCE).optional(),
}) satisfies z.ZodType<HospitalOverride>;

/** JWK members only a private (or a symmetric) key has. */
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'] as const;

export const cdsClientSchema = z.object({
  issuer: z.string().trim().min(1).max(255),
  hospitalId: code,
  /**
   * The client's public keys (a JWK Set), registered out of band. A key with private members (`d`, or a
   * symmetric `k`) is refused: it was pasted by mistake, and Huren must never hold an EHR's secret.
   */
  jwks: z
    .object({
      keys: z
        .array(
          z.record(z.string(), z.unknown()).refine((key) => !PRIVATE_JWK_MEMBERS.some((member) => member in key), {
            message: 'a private or symmetric key: register the public key only',
          }),
        )
        .min(1),
    })
    .nullable(),
  /** `jku` URLs this issuer may point to; a JWT naming any other is refused. */
  jkuAllowlist: z.array(z.url()).default([]),
  /** FHIR base URLs this client's hook calls may name as `fhirServer`; Huren reads no other server for it. */
  fhirServers: z
    .array(z.url({ protocol: /^https?$/ }))
    .max(20)
    .optional(),
  /** The web origins a browser-based EHR calls from (CORS); its calls from any other page are refused. */
  corsOrigins: z
    .array(z.url({ protocol: /^https?$/ }).overwrite((url) => new URL(url).origin))
    .max(20)
    .default([]),
});
export type CdsClient = z.infer<typeof cdsClientSchema>;

/** POST /api/platform/qualifications/{id}/withdraw */
export const withdrawalInputSchema = z.strictObject({ withdrawnOn: z.iso.date() });

/** POST /api/platform/clients/revoke */
export const revocationInputSchema = z.strictObject({ issuer: z.string().min(1).max(255) });
