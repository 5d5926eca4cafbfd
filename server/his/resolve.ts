import type { Coding } from '../contract/fhir';
import { RESIDENT_ID, type HisCheckInput } from '../contract/his';
import { HttpError } from '../errors/http-error';
import { itemCodeFor } from '../fhir/item-codes';
import { patientKey } from '../fhir/patient-key';
import { SYSTEMS } from '../fhir/systems';
import type { DraftOrder, Resolution } from '../pipeline/resolution';
import type { Services } from '../services';
import { configurationFor } from '../store/reference';

/** The prompt's order reference for a HIS order id: decisions are written back and read by it. */
export const hisOrderRef = (orderId: string): string => `his/${orderId}`;

/**
 * A code as the HIS sent it: a local code of the hospital first (in the system the HIS named, else in
 * each of the hospital's, in order), then a catalog code.
 */
function codingsOf(code: string, name: string | undefined, localSystems: readonly string[]): Coding[] {
  return [
    ...localSystems.map((system) => ({ system, code, ...(name ? { display: name } : {}) })),
    { system: SYSTEMS.recognitionItem, code },
  ];
}

/**
 * The HIS channel's resolve stage: the hospital from the HIS's registration (never from the body), the
 * patient from the identifier the HIS sent, the visit and the doctor in the HIS's terms, and each
 * order's code through the hospital's mapping. Unknown codes are noted for the administrator.
 */
export async function resolveHisCheck(
  input: HisCheckInput,
  hospitalId: string,
  services: Services,
): Promise<Resolution> {
  const { config } = services;
  if (input.patient.idType !== RESIDENT_ID && !config.patientIdentifierSystems.includes(input.patient.idType))
    throw new HttpError(
      400,
      'invalid',
      `证件类型 "${input.patient.idType.slice(0, 100)}" 未在平台登记：请用 resident-id（居民身份证）或平台登记的标识系统`,
      'patient.idType',
    );
  const reference = await services.reference.current();
  const hospital = reference.institutions.get(hospitalId);
  const configuration = hospital ? configurationFor(reference, hospital.id, config.timeZone) : null;
  if (!hospital || !configuration)
    throw new HttpError(
      409,
      'hospital-unregistered',
      `本 HIS 登记的医院 "${hospitalId}" 不在平台机构目录中，请联系平台管理员`,
    );
  const { visit } = input;
  const visitRef =
    visit.visitNo ?? (visit.kind === 'inpatient' ? input.patient.inpatientNo : input.patient.outpatientNo);
  const orders: DraftOrder[] = input.orders.map((order, index) => {
    if (order.codeSystem && !hospital.localCodeSystems.includes(order.codeSystem))
      throw new HttpError(
        400,
        'invalid',
        `编码体系 "${order.codeSystem.slice(0, 100)}" 未为本院登记（已登记：${hospital.localCodeSystems.join('、') || '无'}）`,
        `orders[${index}].codeSystem`,
      );
    const codings = codingsOf(
      order.code,
      order.name,
      order.codeSystem ? [order.codeSystem] : hospital.localCodeSystems,
    );
    const itemCode = itemCodeFor(codings, reference, hospital.id);
    if (itemCode === null) services.unmappedCodes.note(hospital.id, codings.slice(0, 1));
    return { orderId: order.orderId, orderRef: hisOrderRef(order.orderId), itemCode, label: order.name ?? null };
  });
  return {
    hospital,
    configuration,
    reference,
    patientKey: patientKey(config.patientKeySecret, input.patient.idNumber),
    encounter: {
      ref: visitRef ? `his-visit/${visitRef}` : null,
      kind: visit.kind,
      departmentCode: visit.departmentCode ?? null,
      departmentName: visit.departmentName ?? null,
    },
    user: { ref: `his-doctor/${visit.doctorId}`, name: visit.doctorName ?? null },
    orders,
  };
}
