import type { Prng } from './prng';
import type { Building, Department } from './fleet-types';
import { EMAIL_DOMAIN, FIRST_NAMES, LAST_NAMES, POSITIONS } from './organization-catalog';
import { asciiSlug } from './value-formats';

/**
 * The people devices are assigned to, in every form a real Jamf tenant holds them: "First Last",
 * "Last, First", an e-mail with no name, a name with no e-mail, a shared "admin" account and
 * nobody at all. Mapping these to employees is one of the hard parts downstream.
 */
export interface SimulatedPerson {
  username: string;
  realName: string;
  email: string;
  position: string;
  phone: string;
  departmentId: string | null;
  buildingId: string | null;
  room: string;
}

export type NameForm = 'first-last' | 'last-first' | 'email-only' | 'no-email' | 'shared-admin' | 'nobody';

const NAME_FORMS: readonly NameForm[] = ['first-last', 'last-first', 'email-only', 'no-email', 'shared-admin', 'nobody'];
const NAME_FORM_WEIGHTS: readonly number[] = [66, 12, 8, 6, 5, 3];

export function generatePeople(
  prng: Prng,
  count: number,
  departments: readonly Department[],
  buildings: readonly Building[],
): SimulatedPerson[] {
  const usedLocalParts = new Set<string>();
  const people: SimulatedPerson[] = [];
  for (let i = 0; i < count; i++) {
    const form = i === 0 ? 'shared-admin' : prng.weighted(NAME_FORMS, NAME_FORM_WEIGHTS);
    people.push(generatePerson(prng, form, usedLocalParts, departments, buildings));
  }
  return people;
}

function generatePerson(
  prng: Prng,
  form: NameForm,
  usedLocalParts: Set<string>,
  departments: readonly Department[],
  buildings: readonly Building[],
): SimulatedPerson {
  const empty: SimulatedPerson = {
    username: '', realName: '', email: '', position: '', phone: '', departmentId: null, buildingId: null, room: '',
  };
  if (form === 'nobody') return empty;
  if (form === 'shared-admin') return { ...empty, username: 'admin', position: 'Shared device' };

  const first = prng.pick(FIRST_NAMES);
  const last = prng.pick(LAST_NAMES);
  let localPart = `${asciiSlug(first)}.${asciiSlug(last)}`;
  for (let n = 2; usedLocalParts.has(localPart); n++) localPart = `${asciiSlug(first)}.${asciiSlug(last)}${n}`;
  usedLocalParts.add(localPart);

  const department = departments.length > 0 && prng.chance(0.92) ? prng.pick(departments) : undefined;
  const building = buildings.length > 0 && prng.chance(0.9) ? prng.pick(buildings) : undefined;
  const person: SimulatedPerson = {
    username: localPart,
    realName: form === 'last-first' ? `${last}, ${first}` : `${first} ${last}`,
    email: `${localPart}@${EMAIL_DOMAIN}`,
    position: prng.pick(POSITIONS),
    phone: prng.chance(0.6) ? `+1 555 01${prng.int(10, 99)}` : '',
    departmentId: department ? department.id : null,
    buildingId: building ? building.id : null,
    room: prng.chance(0.5) ? `${prng.int(1, 6)}.${String(prng.int(1, 40)).padStart(2, '0')}` : '',
  };
  if (form === 'email-only') return { ...person, realName: '', position: '' };
  if (form === 'no-email') return { ...person, username: `${asciiSlug(first).slice(0, 1)}${asciiSlug(last)}`, email: '' };
  return person;
}
