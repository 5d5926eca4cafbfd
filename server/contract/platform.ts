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
    .extend({ corsOrigins: z.array(z.string()), revoked: z.boolean(), createdAt: z.string() }),
);
export const clientRegistrationSchema = cdsClientSchema.pick({ issuer: true, hospitalId: true, jkuAllowlist: true });
export const clientRevocationSchema = z.object({ issuer: z.string(), revoked: z.literal(true) });

/** A qualification change to try before saving it: one result recorded, or one withdrawn from a day on. */
export const qualificationChangeSchema = z
  .object({
    add: qualificationSchema
      .optional()
      .meta({ description: 'a result to record (replacing one of the same scope, kind and start)' }),
    withdraw: z
      .object({ id: z.number().int().min(1), withdrawnOn: z.iso.date() })
      .optional()
      .meta({ description: 'a qualification to withdraw from a day on' }),
  })
  .refine((change) => (change.add === undefined) !== (change.withdraw === undefined), {
    message: 'give either add or withdraw',
    path: ['add'],
  });

export const qualificationEffectSchema = z.object({
  institutionId: z.string(),
  since: z.string().meta({ description: 'the stored results replayed are those since this local day' }),
  examined: z.number().int(),
  gained: z.number().int().meta({ description: 'results that would pass the qualification check and do not now' }),
  lost: z.number().int().meta({ description: 'results that pass it now and would not' }),
  byItem: z.array(z.object({ itemCode: z.string(), gained: z.number().int(), lost: z.number().int() })),
});
