import { z } from 'zod';
import { cdsClientSchema, institutionSchema, qualificationSchema, regionPolicySchema } from './admin';

/** What the platform operator's registry API answers (documented in the OpenAPI document, checked by the tests). */

export const regionsSchema = z.array(regionPolicySchema);
export const institutionsSchema = z.array(institutionSchema);
export const storedQualificationSchema = z.object({ id: z.number().int(), ...qualificationSchema.shape });
export const storedQualificationsSchema = z.array(storedQualificationSchema);
export type StoredQualification = z.infer<typeof storedQualificationSchema>;
export const withdrawalSchema = z.object({ id: z.number().int(), withdrawnOn: z.iso.date() });
export const registeredClientsSchema = z.array(
  cdsClientSchema
    .pick({ issuer: true, hospitalId: true, jwks: true, jkuAllowlist: true, fhirServers: true })
    .extend({ revoked: z.boolean(), createdAt: z.string() }),
);
export const clientRegistrationSchema = cdsClientSchema.pick({ issuer: true, hospitalId: true, jkuAllowlist: true });
export const clientRevocationSchema = z.object({ issuer: z.string(), revoked: z.literal(true) });
