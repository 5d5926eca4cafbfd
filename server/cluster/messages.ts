import { z } from 'zod';

/** What changed in the registry, so sibling processes drop their cached copy. */
export const REGISTRY_CHANGES = ['reference', 'clients'] as const;
export type RegistryChange = (typeof REGISTRY_CHANGES)[number];

/** A worker's messages to the primary process (node:cluster IPC), checked like any other input. */
export const toPrimarySchema = z.discriminatedUnion('huren', [
  z.object({ huren: z.literal('listening'), port: z.number().int().min(1).max(65_535) }),
  z.object({ huren: z.literal('changed'), what: z.enum(REGISTRY_CHANGES) }),
  z.object({
    huren: z.literal('jti'),
    id: z.number().int(),
    issuer: z.string(),
    jti: z.string(),
    expiresAt: z.iso.datetime(),
  }),
]);
export type ToPrimary = z.infer<typeof toPrimarySchema>;

/** The primary's messages to a worker. */
export const toWorkerSchema = z.discriminatedUnion('huren', [
  z.object({ huren: z.literal('changed'), what: z.enum(REGISTRY_CHANGES) }),
  z.object({ huren: z.literal('answer'), id: z.number().int(), first: z.boolean() }),
]);
export type ToWorker = z.infer<typeof toWorkerSchema>;
