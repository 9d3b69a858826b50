import { createPrng } from './prng';
import type { Building, Department } from './fleet-types';
import { EMAIL_DOMAIN, FIRST_NAMES, LAST_NAMES, POSITIONS } from './organization-catalog';
import { asciiSlug } from './value-formats';

/**
 * The people devices are assigned to, in every form a real Jamf tenant holds them: "First Last",
 * "Last, First", an e-mail with no name, a name with no e-mail, a shared "admin" account and
 * nobody at all. Mapping these to employees is one of the hard parts downstream.
 *
 * Person n is a pure function of (seed, n): the same person shows up on a Mac and an iPhone, and
 * adding mobiles does not change who owns the Macs.
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

type NameForm = 'first-last' | 'last-first' | 'email-only' | 'no-email' | 'shared-admin' | 'nobody';

const NAME_FORMS: readonly NameForm[] = ['first-last', 'last-first', 'email-only', 'no-email', 'shared-admin', 'nobody'];
const NAME_FORM_WEIGHTS: readonly number[] = [66, 12, 8, 6, 5, 3];
const NAME_COMBINATIONS = FIRST_NAMES.length * LAST_NAMES.length;
/** A prime that shares no factor with NAME_COMBINATIONS, so `n * STRIDE mod N` visits every name once. */
const STRIDE = 7919;

export class PeopleDirectory {
  private readonly cache = new Map<number, SimulatedPerson>();

  constructor(
    private readonly seed: number,
    private readonly departments: readonly Department[],
    private readonly buildings: readonly Building[],
  ) {}

  personAt(index: number): SimulatedPerson {
    let person = this.cache.get(index);
    if (!person) {
      person = this.generate(index);
      this.cache.set(index, person);
    }
    return person;
  }

  private generate(index: number): SimulatedPerson {
    const prng = createPrng((this.seed * 0x9e3779b1 + index * 0x85ebca6b) >>> 0);
    const empty: SimulatedPerson = {
      username: '', realName: '', email: '', position: '', phone: '', departmentId: null, buildingId: null, room: '',
    };
    const form = index === 0 ? 'shared-admin' : prng.weighted(NAME_FORMS, NAME_FORM_WEIGHTS);
    if (form === 'nobody') return empty;
    if (form === 'shared-admin') return { ...empty, username: 'admin', position: 'Shared device' };

    // Unique name per index without shared state: a permutation of all first/last pairs,
    // then a numeric suffix once they run out.
    const slot = (index * STRIDE + this.seed) % NAME_COMBINATIONS;
    const first = FIRST_NAMES[slot % FIRST_NAMES.length] as string;
    const last = LAST_NAMES[Math.floor(slot / FIRST_NAMES.length)] as string;
    const round = Math.floor(index / NAME_COMBINATIONS);
    const localPart = `${asciiSlug(first)}.${asciiSlug(last)}${round > 0 ? round + 1 : ''}`;

    const department = this.departments.length > 0 && prng.chance(0.92) ? prng.pick(this.departments) : undefined;
    const building = this.buildings.length > 0 && prng.chance(0.9) ? prng.pick(this.buildings) : undefined;
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
    if (form === 'no-email') {
      return { ...person, username: `${asciiSlug(first).slice(0, 1)}${asciiSlug(last)}${round > 0 ? round + 1 : ''}`, email: '' };
    }
    return person;
  }
}
