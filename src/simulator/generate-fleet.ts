import { createPrng, type Prng } from './prng';
import type { Building, Department, FleetData, JsonObject } from './fleet-types';
import { BUILDING_SEEDS, DEPARTMENT_NAMES } from './organization-catalog';
import { MAC_MODELS, MAC_MODEL_WEIGHTS } from './mac-catalog';
import { MOBILE_MODELS, MOBILE_MODEL_WEIGHTS, type MobileModel } from './mobile-catalog';
import { PeopleDirectory } from './generate-people';
import { buildComputerRecord, serialForModel, type ComputerPlan } from './generate-computer';
import { buildMobileDeviceRecord } from './generate-mobile-device';
import { daysToMs, recoveryKey } from './value-formats';

export interface FleetGenerationOptions {
  computers: number;
  mobiles: number;
  seed: number;
  /** Report dates fall before this instant (epoch ms). Same seed + same time = same fleet. */
  referenceTime: number;
}

/** Start of the current UTC day: the default reference time, so a fleet is stable within a day. */
export function startOfUtcDay(nowMs: number): number {
  return nowMs - (nowMs % daysToMs(1));
}

/**
 * Generates a deterministic fleet. Besides ordinary devices it always plants the oddities a sync
 * must survive (when the fleet is big enough to hold them): an unmanaged computer, a computer with
 * an empty serial, one serial shared by two computer records (the newer one re-enrolled after a
 * wipe), FileVault keys on some computers, a Wi-Fi-only iPad and an Apple TV.
 */
export function generateFleet(options: FleetGenerationOptions): FleetData {
  // Separate streams, so growing one device list does not reshuffle the other.
  const computerPrng = createPrng(options.seed ^ 0x5bd1e995);
  const mobilePrng = createPrng(options.seed ^ 0x27d4eb2f);

  const departments: Department[] = DEPARTMENT_NAMES.map((name, i) => ({ id: String(i + 1), name }));
  const buildings: Building[] = BUILDING_SEEDS.map((b, i) => ({ id: String(i + 1), streetAddress2: null, ...b }));
  const people = new PeopleDirectory(options.seed, departments, buildings);

  const { computers, fileVaultRecoveryKeys } = generateComputers(computerPrng, options, people);
  const mobileDevices = generateMobileDevices(mobilePrng, options, people, departments, buildings);
  return { computers, mobileDevices, departments, buildings, fileVaultRecoveryKeys };
}

function generateComputers(
  prng: Prng,
  options: FleetGenerationOptions,
  people: PeopleDirectory,
): { computers: JsonObject[]; fileVaultRecoveryKeys: Record<string, string> } {
  const count = options.computers;
  const plans: ComputerPlan[] = [];
  for (let i = 0; i < count; i++) {
    const model = prng.weighted(MAC_MODELS, MAC_MODEL_WEIGHTS);
    plans.push({
      id: i + 1,
      model,
      person: people.personAt(prng.int(0, peoplePool(count))),
      serialNumber: prng.chance(0.01) ? '' : serialForModel(prng, model),
      managed: prng.chance(0.94),
      reportTime: options.referenceTime - reportAge(prng),
      fileVaultEnabled: prng.chance(0.55),
    });
  }
  plantComputerOddities(prng, plans, options.referenceTime);

  const fileVaultRecoveryKeys: Record<string, string> = {};
  const computers = plans.map((plan) => {
    if (plan.fileVaultEnabled) fileVaultRecoveryKeys[String(plan.id)] = recoveryKey(prng);
    return buildComputerRecord(prng, plan);
  });
  return { computers, fileVaultRecoveryKeys };
}

/** Forces the required oddities onto fixed positions, so even a small fleet has each of them. */
function plantComputerOddities(prng: Prng, plans: ComputerPlan[], referenceTime: number): void {
  const at = (index: number): ComputerPlan | undefined => plans[index];
  const first = at(0);
  if (first) first.fileVaultEnabled = true;
  const unmanaged = at(2);
  if (unmanaged) unmanaged.managed = false;
  const emptySerial = at(4);
  if (emptySerial) emptySerial.serialNumber = '';
  // A Mac still reporting the old "Mac OS X" name and the old Jamf model-name style.
  const vintage = at(5);
  const vintageModel = MAC_MODELS.find((m) => m.modelIdentifier === 'MacBookPro9,2');
  if (vintage && vintageModel) {
    vintage.model = vintageModel;
    vintage.serialNumber = serialForModel(prng, vintageModel);
    vintage.osRelease = vintageModel.osReleases.find((os) => os.name === 'Mac OS X');
  }
  if (plans.length >= 4) {
    // The same Mac twice: an old record left behind and a fresh one after re-enrolment.
    const original = plans[Math.floor(plans.length / 3)] as ComputerPlan;
    const reEnrolled = plans[plans.length - 1] as ComputerPlan;
    if (!original.serialNumber) original.serialNumber = serialForModel(prng, original.model);
    original.reportTime = referenceTime - daysToMs(prng.int(60, 120)) - prng.int(0, 86_399_999);
    reEnrolled.model = original.model;
    reEnrolled.serialNumber = original.serialNumber;
    reEnrolled.reportTime = referenceTime - prng.int(60_000, daysToMs(2));
    reEnrolled.managed = true;
  }
}

function generateMobileDevices(
  prng: Prng,
  options: FleetGenerationOptions,
  people: PeopleDirectory,
  departments: readonly Department[],
  buildings: readonly Building[],
): JsonObject[] {
  const devices: JsonObject[] = [];
  for (let i = 0; i < options.mobiles; i++) {
    const model = plantedMobileModel(i, options.mobiles) ?? prng.weighted(MOBILE_MODELS, MOBILE_MODEL_WEIGHTS);
    devices.push(
      buildMobileDeviceRecord(prng, {
        id: i + 1,
        model,
        person: people.personAt(model.deviceType === 'tvOS' ? 0 : prng.int(0, peoplePool(options.mobiles))),
        managed: i === 3 ? false : prng.chance(0.95),
        reportTime: options.referenceTime - reportAge(prng),
        departments,
        buildings,
      }),
    );
  }
  return devices;
}

/** A Wi-Fi-only iPad and an Apple TV at fixed positions, so small fleets have them too. */
function plantedMobileModel(index: number, count: number): MobileModel | undefined {
  if (count < 6) return undefined;
  const wanted = index === 1 ? 'iPad6,11' : index === 2 ? 'AppleTV14,1' : undefined;
  return wanted ? MOBILE_MODELS.find((m) => m.modelIdentifier === wanted) : undefined;
}

/**
 * How many people a list of devices is spread over: most people have one device, a few two. The
 * computer and mobile pools overlap from index 0, so many people own both a Mac and an iPhone.
 */
const peoplePool = (deviceCount: number): number => Math.max(1, Math.ceil(deviceCount * 0.85));

/** Most devices reported within days; a tail has not been seen for months. */
function reportAge(prng: Prng): number {
  const roll = prng.next();
  const days = roll < 0.8 ? prng.next() * 3 : roll < 0.95 ? 3 + prng.next() * 27 : 30 + prng.next() * 170;
  return Math.round(daysToMs(days)) + prng.int(1, 999);
}

