/** Code and identifier systems Huren defines or reads. A deployment may publish them under its own domain. */
export const HUREN_BASE = 'https://fhir.huren.example';

export const SYSTEMS = {
  /** The regional recognition code of a catalog item. */
  recognitionItem: `${HUREN_BASE}/CodeSystem/recognition-item`,
  /** Exception reasons offered as card overrideReasons. */
  exceptionReason: `${HUREN_BASE}/CodeSystem/exception-reason`,
  /** Card topics (source.topic). */
  topic: `${HUREN_BASE}/CodeSystem/topic`,
  /** The recognition mark on a report, carried as a meta.tag. */
  recognitionMark: `${HUREN_BASE}/CodeSystem/recognition-mark`,
  /** The platform's identifier of an institution. */
  institution: `${HUREN_BASE}/sid/institution`,
  /** Identifier of a result in the Huren index, written back with accepted results. */
  result: `${HUREN_BASE}/sid/result`,
  loinc: 'http://loinc.org',
  dicomUid: 'urn:dicom:uid',
  v3ActCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
} as const;
