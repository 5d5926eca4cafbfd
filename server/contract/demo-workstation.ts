import { z } from 'zod';
import type { ServiceId } from './cds-hooks';

/**
 * What the demo workstation (`/demo`) and the server say to each other outside the CDS Hooks and
 * decision APIs: the workstation's setup and the demo client tokens. This module imports zod only (and types),
 * so the browser parses the answers with the very schemas the server answers with.
 */

export const DEMO_SERVICE_IDS = [
  'recognition-patient-view',
  'recognition-order-select',
  'recognition-order-sign',
] as const satisfies readonly ServiceId[];
export type DemoServiceId = (typeof DEMO_SERVICE_IDS)[number];

const doctorSchema = z.object({ id: z.string(), name: z.string(), departmentName: z.string() });

/** An ordering hospital with a registered demo EHR (a CDS client). */
const hospitalSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The issuer of the hospital's demo EHR, whose key signs the workstation's calls. */
  issuer: z.string(),
  doctors: z.array(doctorSchema),
});

const patientSchema = z.object({
  key: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  /** What the patient shows, as told in the README. */
  story: z.string(),
});

/** An orderable: a catalog item, and the hospitals' own codes for it. */
const orderableSchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  kind: z.enum(['lab', 'imaging']),
  loinc: z.string().nullable(),
  /** Other names and abbreviations clinicians search by (乙肝 for 乙型肝炎病毒表面抗原). */
  synonyms: z.array(z.string()),
  /** hospital id → that hospital's local code, its name and the local code system it is of. */
  localCodes: z.record(z.string(), z.object({ system: z.string(), code: z.string(), name: z.string() })),
});

export const workstationSetupSchema = z.object({
  /** The demo EHR's FHIR endpoint: prefetch is read there, and it is the SMART launch's `iss`. */
  fhirServer: z.string(),
  /** The code system of the regional recognition codes, used when a hospital has no local code. */
  regionalCodeSystem: z.string(),
  hospitals: z.array(hospitalSchema),
  patients: z.array(patientSchema),
  catalog: z.array(orderableSchema),
});
export type WorkstationSetup = z.infer<typeof workstationSetupSchema>;
export type DemoHospital = WorkstationSetup['hospitals'][number];
export type DemoDoctorEntry = DemoHospital['doctors'][number];
export type DemoPatientEntry = WorkstationSetup['patients'][number];
export type Orderable = WorkstationSetup['catalog'][number];

export const clientTokenRequestSchema = z.strictObject({
  hospitalId: z.string().min(1).max(64),
  service: z.enum(DEMO_SERVICE_IDS),
  /** A token for the service's feedback endpoint instead of the service itself. */
  feedback: z.boolean().default(false),
});

export const clientTokenSchema = z.object({ token: z.string(), issuer: z.string(), audience: z.string() });
export type ClientToken = z.infer<typeof clientTokenSchema>;
