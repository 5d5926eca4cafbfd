import type { AnyResource, Bundle } from '../contract/fhir';

/** Resolves references between the entries of one Bundle, by fullUrl or by `Type/id`. */
export class BundleIndex {
  private readonly byKey = new Map<string, AnyResource>();

  constructor(bundle: Bundle) {
    for (const entry of bundle.entry ?? []) {
      const resource = entry.resource;
      if (!resource) continue;
      if (entry.fullUrl) this.byKey.set(entry.fullUrl, resource);
      if (resource.id) this.byKey.set(`${resource.resourceType}/${resource.id}`, resource);
    }
  }

  resolve(reference: string | undefined): AnyResource | undefined {
    if (!reference) return undefined;
    const direct = this.byKey.get(reference);
    if (direct) return direct;
    // An absolute URL ending in Type/id resolves like the relative reference.
    const match = /([A-Za-z]+\/[A-Za-z0-9\-.]{1,64})$/.exec(reference);
    return match?.[1] ? this.byKey.get(match[1]) : undefined;
  }
}
