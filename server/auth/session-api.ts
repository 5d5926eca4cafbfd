import { apiRoute } from '../api/route';
import { consoleSessionSchema } from '../contract/session';

/** Whom a console's token speaks for: the consoles name the hospital in their header. */
export const sessionApi = [
  apiRoute({
    method: 'get',
    path: '/api/session',
    summary: "The token's role, name and hospital (for the consoles' header)",
    access: ['quality', 'admin', 'platform'],
    answer: consoleSessionSchema,
    answerDescription: 'the session',
    handle: async ({ principal, services }) => {
      const { institutions } = await services.reference.current();
      const hospital = principal.hospitalId ? institutions.get(principal.hospitalId) : undefined;
      return {
        role: principal.role,
        name: principal.name,
        hospital: hospital ? { id: hospital.id, name: hospital.name } : null,
      };
    },
  }),
];
