import { isUtf8 } from 'node:buffer';
import express, { type RequestHandler } from 'express';

/** Deeper than any FHIR resource or CDS Hooks request we read; deeper bodies are refused unparsed. */
export const MAX_JSON_DEPTH = 64;

/**
 * Per-route body limits: hook calls and feedback are small, ingest carries whole report bundles.
 * Each route reads its body only after the caller was authenticated where it can be from the header.
 */
export const BODY_LIMITS = {
  hook: '512kb',
  feedback: '64kb',
  api: '1mb',
  platform: '5mb',
  ingest: '5mb',
  /** A hospital's code mappings as CSV. */
  mappings: '5mb',
  /** The platform's bulk registry import (JSON or CSV). */
  registryImport: '20mb',
} as const;
export type BodyLimit = keyof typeof BODY_LIMITS;

const JSON_TYPES = ['application/json', 'application/fhir+json', 'application/*+json'];

/**
 * True when brackets nest deeper than `max` outside strings: one pass over the bytes, no allocation,
 * so a body built to make the parser (and everything after it) work for seconds costs microseconds.
 */
export function nestsDeeperThan(body: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < body.length; index++) {
    const byte = body[index];
    if (inString) {
      if (byte === 0x5c) index++;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > max) return true;
    } else if (byte === 0x5d || byte === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** JSON bodies up to `limit`, UTF-8 only, nested at most MAX_JSON_DEPTH deep (checked before parsing). */
export function jsonBody(limit: string): RequestHandler {
  return express.json({
    limit,
    type: JSON_TYPES,
    verify: (_request, _response, body) => {
      // Refuse bytes that are not UTF-8 instead of letting the decoder replace them with U+FFFD.
      if (!isUtf8(body)) throw Object.assign(new Error('invalid UTF-8'), { status: 400, type: 'charset.unsupported' });
      if (nestsDeeperThan(body, MAX_JSON_DEPTH))
        throw Object.assign(new Error('nested too deep'), { status: 400, type: 'entity.too.deep' });
    },
  });
}
