import type { CodeableConcept, Coding, HumanName, Identifier, Reference } from '@medplum/fhirtypes';
import { z } from 'zod';

/**
 * FHIR R4 resources as far as Huren reads them, for the server and the SMART app alike. The types of
 * FHIR's data types are @medplum/fhirtypes' (R4); these schemas are the lenient runtime guard at the
 * edges, each checked at compile time to produce what its FHIR type allows (`satisfies`). Loose
 * objects: unknown elements pass through untouched, since real EHRs send far more than we use; what
 * we read is typed and checked.
 */
export type { CodeableConcept, Coding, HumanName, Identifier, Reference };

const text = z.string().max(10_000);

export const codingSchema = z.looseObject({
  system: z.string().max(1000).optional(),
  code: z.string().max(1000).optional(),
  display: text.optional(),
}) satisfies z.ZodType<Coding>;

export const codeableConceptSchema = z.looseObject({
  coding: z.array(codingSchema).max(100).optional(),
  text: text.optional(),
}) satisfies z.ZodType<CodeableConcept>;

export const identifierSchema = z.looseObject({
  system: z.string().max(1000).optional(),
  value: z.string().max(1000).optional(),
  type: codeableConceptSchema.optional(),
}) satisfies z.ZodType<Identifier>;

export const referenceSchema = z.looseObject({
  reference: z.string().max(2000).optional(),
  identifier: identifierSchema.optional(),
  display: text.optional(),
}) satisfies z.ZodType<Reference>;

export const humanNameSchema = z.looseObject({
  // A use outside FHIR's list is dropped, not refused: the name still reads.
  use: z.enum(['usual', 'official', 'temp', 'nickname', 'anonymous', 'old', 'maiden']).optional().catch(undefined),
  text: text.optional(),
  family: text.optional(),
  given: z.array(text).max(10).optional(),
}) satisfies z.ZodType<HumanName>;

export const patientSchema = z.looseObject({
  resourceType: z.literal('Patient'),
  id: z.string().max(64).optional(),
  identifier: z.array(identifierSchema).max(50).optional(),
  name: z.array(humanNameSchema).max(20).optional(),
  gender: z.string().max(20).optional(),
  birthDate: z.string().max(30).optional(),
});
export type Patient = z.infer<typeof patientSchema>;

export const practitionerSchema = z.looseObject({
  resourceType: z.enum(['Practitioner', 'PractitionerRole']),
  id: z.string().max(64).optional(),
  name: z.array(humanNameSchema).max(20).optional(),
  practitioner: referenceSchema.optional(),
});
export type Practitioner = z.infer<typeof practitionerSchema>;

export const encounterSchema = z.looseObject({
  resourceType: z.literal('Encounter'),
  id: z.string().max(64).optional(),
  status: z.string().max(30).optional(),
  /** The visit number (typed VN) and others the hospital files the visit under. */
  identifier: z.array(identifierSchema).max(20).optional(),
  /** R4: a single Coding (v3 ActCode: AMB, EMER, IMP, …). */
  class: codingSchema.optional(),
  /** The department (科室) the encounter belongs to. */
  serviceType: codeableConceptSchema.optional(),
  serviceProvider: referenceSchema.optional(),
});
export type Encounter = z.infer<typeof encounterSchema>;

export const organizationSchema = z.looseObject({
  resourceType: z.literal('Organization'),
  id: z.string().max(64).optional(),
  identifier: z.array(identifierSchema).max(50).optional(),
  name: text.optional(),
});
export type Organization = z.infer<typeof organizationSchema>;

export const serviceRequestSchema = z.looseObject({
  resourceType: z.literal('ServiceRequest'),
  id: z.string().max(64).optional(),
  status: z.string().max(30).optional(),
  code: codeableConceptSchema.optional(),
  subject: referenceSchema.optional(),
});
export type ServiceRequest = z.infer<typeof serviceRequestSchema>;

const quantitySchema = z.looseObject({
  value: z.number().optional(),
  unit: z.string().max(100).optional(),
  code: z.string().max(100).optional(),
  comparator: z.string().max(4).optional(),
});

const rangeSchema = z.looseObject({
  low: quantitySchema.optional(),
  high: quantitySchema.optional(),
  text: text.optional(),
});

export const observationSchema = z.looseObject({
  resourceType: z.literal('Observation'),
  id: z.string().max(64).optional(),
  status: z.string().max(30).optional(),
  code: codeableConceptSchema,
  effectiveDateTime: z.string().max(40).optional(),
  valueQuantity: quantitySchema.optional(),
  valueString: text.optional(),
  valueCodeableConcept: codeableConceptSchema.optional(),
  interpretation: z.array(codeableConceptSchema).max(10).optional(),
  referenceRange: z.array(rangeSchema).max(10).optional(),
  method: codeableConceptSchema.optional(),
  /** The test system (instrument / reagent brand). */
  device: referenceSchema.optional(),
});
export type Observation = z.infer<typeof observationSchema>;

export const imagingStudySchema = z.looseObject({
  resourceType: z.literal('ImagingStudy'),
  id: z.string().max(64).optional(),
  identifier: z.array(identifierSchema).max(20).optional(),
  started: z.string().max(40).optional(),
  modality: z.array(codingSchema).max(20).optional(),
  description: text.optional(),
  endpoint: z.array(referenceSchema).max(10).optional(),
});
export type ImagingStudy = z.infer<typeof imagingStudySchema>;

export const endpointSchema = z.looseObject({
  resourceType: z.literal('Endpoint'),
  id: z.string().max(64).optional(),
  address: z.string().max(2000),
});
export type Endpoint = z.infer<typeof endpointSchema>;

export const diagnosticReportSchema = z.looseObject({
  resourceType: z.literal('DiagnosticReport'),
  id: z.string().max(64).optional(),
  meta: z
    .looseObject({
      /** The source's version of the report: one that arrives after a later one does not overwrite it. */
      versionId: z.string().max(40).optional(),
      tag: z.array(codingSchema).max(50).optional(),
    })
    .optional(),
  identifier: z.array(identifierSchema).max(20).optional(),
  status: z.string().max(30),
  category: z.array(codeableConceptSchema).max(20).optional(),
  code: codeableConceptSchema,
  subject: referenceSchema.optional(),
  effectiveDateTime: z.string().max(40).optional(),
  effectivePeriod: z
    .looseObject({ start: z.string().max(40).optional(), end: z.string().max(40).optional() })
    .optional(),
  issued: z.string().max(40).optional(),
  performer: z.array(referenceSchema).max(20).optional(),
  result: z.array(referenceSchema).max(500).optional(),
  imagingStudy: z.array(referenceSchema).max(20).optional(),
  conclusion: text.optional(),
});
export type DiagnosticReport = z.infer<typeof diagnosticReportSchema>;

/** Any resource: only `resourceType` is required to route it. */
export const anyResourceSchema = z.looseObject({
  resourceType: z.string().min(1).max(64),
  id: z.string().max(64).optional(),
});
export type AnyResource = z.infer<typeof anyResourceSchema>;

export const bundleSchema = z.looseObject({
  resourceType: z.literal('Bundle'),
  id: z.string().max(64).optional(),
  type: z.string().max(30).optional(),
  entry: z
    .array(
      z.looseObject({
        fullUrl: z.string().max(2000).optional(),
        resource: anyResourceSchema.optional(),
        request: z.looseObject({ method: z.string().max(10), url: z.string().max(2000) }).optional(),
      }),
    )
    .max(10_000)
    .optional(),
});
export type Bundle = z.infer<typeof bundleSchema>;

/**
 * An OperationOutcome as another server sends it (an EHR refusing a write): every element optional,
 * read only for the words to show. Ours, stricter, is `operationOutcomeSchema` (./errors).
 */
export const receivedOutcomeSchema = z.looseObject({
  resourceType: z.literal('OperationOutcome'),
  issue: z
    .array(
      z.looseObject({
        severity: z.string().max(20).optional(),
        code: z.string().max(64).optional(),
        diagnostics: text.optional(),
        details: codeableConceptSchema.optional(),
      }),
    )
    .max(100),
});
