/**
 * Mac models as Jamf Pro reports them. Jamf's `hardware.model` is a marketing name from its own
 * table, and that table changed style over the years: old records read "13-inch MacBook Pro (Mid
 * 2012)", newer ones "MacBook Pro (15-inch, 2018)" or "MacBook Pro (14-inch, M3, Nov 2023)". The
 * fleet mixes all of them on purpose, because the model parser downstream must cope with each.
 */

export interface OsRelease {
  name: 'macOS' | 'Mac OS X';
  version: string;
  build: string;
}

export interface MacModel {
  model: string;
  modelIdentifier: string;
  kind: 'laptop' | 'desktop';
  appleSilicon: boolean;
  processorType: string;
  /** Intel speed in MHz; Apple silicon reports 0. */
  processorSpeedMhz: number;
  coreCount: number;
  ramMegabytes: readonly number[];
  bootDisks: readonly BootDisk[];
  osReleases: readonly OsRelease[];
  /** Relative share in a generated fleet. */
  weight: number;
  colors: readonly string[];
}

interface BootDisk {
  model: string;
  sizeMegabytes: number;
}

const OS = {
  sequoia153: { name: 'macOS', version: '15.3.1', build: '24D70' },
  sequoia152: { name: 'macOS', version: '15.2', build: '24C101' },
  sequoia151: { name: 'macOS', version: '15.1.1', build: '24B91' },
  sonoma147: { name: 'macOS', version: '14.7.4', build: '23H420' },
  sonoma146: { name: 'macOS', version: '14.6.1', build: '23G93' },
  ventura137: { name: 'macOS', version: '13.7.4', build: '22H420' },
  monterey127: { name: 'macOS', version: '12.7.6', build: '21H1320' },
  bigSur117: { name: 'macOS', version: '11.7.10', build: '20G1427' },
  catalina: { name: 'macOS', version: '10.15.7', build: '19H2026' },
  elCapitan: { name: 'Mac OS X', version: '10.11.6', build: '15G22010' },
  mavericks: { name: 'Mac OS X', version: '10.9.5', build: '13F1911' },
} satisfies Record<string, OsRelease>;

const CURRENT_OS: readonly OsRelease[] = [OS.sequoia153, OS.sequoia152, OS.sequoia151, OS.sonoma147, OS.sonoma146];
const SILICON_COLORS = ['Space Gray', 'Silver', 'Midnight', 'Starlight', 'Space Black'];
const INTEL_COLORS = ['Space Gray', 'Silver'];

const ssd = (model: string, sizeMegabytes: number): BootDisk => ({ model, sizeMegabytes });

export const MAC_MODELS: readonly MacModel[] = [
  {
    model: 'MacBook Pro (14-inch, M3, Nov 2023)', modelIdentifier: 'Mac15,3', kind: 'laptop',
    appleSilicon: true, processorType: 'Apple M3', processorSpeedMhz: 0, coreCount: 8,
    ramMegabytes: [8192, 16384, 24576], bootDisks: [ssd('APPLE SSD AP0512Z', 500277), ssd('APPLE SSD AP1024Z', 1000240)],
    osReleases: CURRENT_OS, weight: 12, colors: SILICON_COLORS,
  },
  {
    model: 'MacBook Pro (14-inch, 2021)', modelIdentifier: 'MacBookPro18,3', kind: 'laptop',
    appleSilicon: true, processorType: 'Apple M1 Pro', processorSpeedMhz: 0, coreCount: 10,
    ramMegabytes: [16384, 32768], bootDisks: [ssd('APPLE SSD AP0512R', 500277), ssd('APPLE SSD AP1024R', 1000240)],
    osReleases: CURRENT_OS, weight: 10, colors: SILICON_COLORS,
  },
  {
    model: 'MacBook Pro (16-inch, 2021)', modelIdentifier: 'MacBookPro18,1', kind: 'laptop',
    appleSilicon: true, processorType: 'Apple M1 Pro', processorSpeedMhz: 0, coreCount: 10,
    ramMegabytes: [16384, 32768], bootDisks: [ssd('APPLE SSD AP1024R', 1000240)],
    osReleases: CURRENT_OS, weight: 4, colors: SILICON_COLORS,
  },
  {
    model: 'MacBook Pro (14-inch, M4, 2024)', modelIdentifier: 'Mac16,1', kind: 'laptop',
    appleSilicon: true, processorType: 'Apple M4', processorSpeedMhz: 0, coreCount: 10,
    ramMegabytes: [16384, 24576, 32768], bootDisks: [ssd('APPLE SSD AP0512Z', 500277)],
    osReleases: [OS.sequoia153, OS.sequoia152], weight: 5, colors: SILICON_COLORS,
  },
  {
    model: 'MacBook Air (M2, 2022)', modelIdentifier: 'Mac14,2', kind: 'laptop',
    appleSilicon: true, processorType: 'Apple M2', processorSpeedMhz: 0, coreCount: 8,
    ramMegabytes: [8192, 16384], bootDisks: [ssd('APPLE SSD AP0256Z', 251000), ssd('APPLE SSD AP0512Z', 500277)],
    osReleases: CURRENT_OS, weight: 14, colors: SILICON_COLORS,
  },
  {
    model: 'MacBook Air (15-inch, M2, 2023)', modelIdentifier: 'Mac14,15', kind: 'laptop',
    appleSilicon: true, processorType: 'Apple M2', processorSpeedMhz: 0, coreCount: 8,
    ramMegabytes: [8192, 16384], bootDisks: [ssd('APPLE SSD AP0512Z', 500277)],
    osReleases: CURRENT_OS, weight: 5, colors: SILICON_COLORS,
  },
  {
    model: 'MacBook Air (13-inch, M3, 2024)', modelIdentifier: 'Mac15,12', kind: 'laptop',
    appleSilicon: true, processorType: 'Apple M3', processorSpeedMhz: 0, coreCount: 8,
    ramMegabytes: [8192, 16384, 24576], bootDisks: [ssd('APPLE SSD AP0256Z', 251000), ssd('APPLE SSD AP0512Z', 500277)],
    osReleases: CURRENT_OS, weight: 8, colors: SILICON_COLORS,
  },
  {
    model: 'MacBook Air (M1, 2020)', modelIdentifier: 'MacBookAir10,1', kind: 'laptop',
    appleSilicon: true, processorType: 'Apple M1', processorSpeedMhz: 0, coreCount: 8,
    ramMegabytes: [8192, 16384], bootDisks: [ssd('APPLE SSD AP0256Q', 251000), ssd('APPLE SSD AP0512Q', 500277)],
    osReleases: [...CURRENT_OS, OS.ventura137], weight: 10, colors: ['Space Gray', 'Silver', 'Gold'],
  },
  {
    model: 'MacBook Pro (13-inch, M1, 2020)', modelIdentifier: 'MacBookPro17,1', kind: 'laptop',
    appleSilicon: true, processorType: 'Apple M1', processorSpeedMhz: 0, coreCount: 8,
    ramMegabytes: [8192, 16384], bootDisks: [ssd('APPLE SSD AP0512Q', 500277)],
    osReleases: [...CURRENT_OS, OS.ventura137], weight: 5, colors: INTEL_COLORS,
  },
  {
    model: 'MacBook Pro (16-inch, 2019)', modelIdentifier: 'MacBookPro16,1', kind: 'laptop',
    appleSilicon: false, processorType: '6-Core Intel Core i7', processorSpeedMhz: 2600, coreCount: 6,
    ramMegabytes: [16384, 32768], bootDisks: [ssd('APPLE SSD AP0512N', 500277)],
    osReleases: [OS.sonoma147, OS.ventura137, OS.monterey127], weight: 4, colors: INTEL_COLORS,
  },
  {
    model: 'MacBook Pro (15-inch, 2018)', modelIdentifier: 'MacBookPro15,1', kind: 'laptop',
    appleSilicon: false, processorType: '6-Core Intel Core i7', processorSpeedMhz: 2200, coreCount: 6,
    ramMegabytes: [16384], bootDisks: [ssd('APPLE SSD AP0256M', 251000), ssd('APPLE SSD AP0512M', 500277)],
    osReleases: [OS.sonoma146, OS.ventura137, OS.monterey127], weight: 3, colors: INTEL_COLORS,
  },
  {
    model: 'MacBook Pro (13-inch, 2020, Four Thunderbolt 3 ports)', modelIdentifier: 'MacBookPro16,2', kind: 'laptop',
    appleSilicon: false, processorType: 'Quad-Core Intel Core i5', processorSpeedMhz: 2000, coreCount: 4,
    ramMegabytes: [16384], bootDisks: [ssd('APPLE SSD AP0512N', 500277)],
    osReleases: [OS.sonoma147, OS.ventura137], weight: 3, colors: INTEL_COLORS,
  },
  {
    model: 'MacBook Air (Retina, 13-inch, 2020)', modelIdentifier: 'MacBookAir9,1', kind: 'laptop',
    appleSilicon: false, processorType: 'Dual-Core Intel Core i3', processorSpeedMhz: 1100, coreCount: 2,
    ramMegabytes: [8192], bootDisks: [ssd('APPLE SSD AP0256N', 251000)],
    osReleases: [OS.sonoma146, OS.ventura137], weight: 2, colors: ['Space Gray', 'Silver', 'Gold'],
  },
  {
    model: '15-inch Retina MacBook Pro (Mid 2015)', modelIdentifier: 'MacBookPro11,4', kind: 'laptop',
    appleSilicon: false, processorType: 'Quad-Core Intel Core i7', processorSpeedMhz: 2200, coreCount: 4,
    ramMegabytes: [16384], bootDisks: [ssd('APPLE SSD SM0256G', 251000)],
    osReleases: [OS.monterey127, OS.bigSur117, OS.catalina], weight: 1.5, colors: ['Silver'],
  },
  {
    model: '13-inch Retina MacBook Pro (Late 2013)', modelIdentifier: 'MacBookPro11,1', kind: 'laptop',
    appleSilicon: false, processorType: 'Intel Core i5', processorSpeedMhz: 2400, coreCount: 2,
    ramMegabytes: [8192], bootDisks: [ssd('APPLE SSD SM0128F', 121000)],
    osReleases: [OS.bigSur117, OS.catalina, OS.mavericks], weight: 1, colors: ['Silver'],
  },
  {
    model: '13-inch MacBook Pro (Mid 2012)', modelIdentifier: 'MacBookPro9,2', kind: 'laptop',
    appleSilicon: false, processorType: 'Intel Core i5', processorSpeedMhz: 2500, coreCount: 2,
    ramMegabytes: [4096, 8192], bootDisks: [ssd('APPLE HDD HTS545050A7E362', 500107), ssd('APPLE HDD TOSHIBA MK5065GSXF', 500107)],
    osReleases: [OS.catalina, OS.elCapitan], weight: 1, colors: ['Silver'],
  },
  {
    model: 'iMac (Retina 5K, 27-inch, 2020)', modelIdentifier: 'iMac20,1', kind: 'desktop',
    appleSilicon: false, processorType: '6-Core Intel Core i5', processorSpeedMhz: 3100, coreCount: 6,
    ramMegabytes: [8192, 16384, 32768], bootDisks: [ssd('APPLE SSD AP0256N', 251000), ssd('APPLE SSD AP0512N', 500277)],
    osReleases: [OS.sequoia152, OS.sonoma147, OS.ventura137], weight: 3, colors: ['Silver'],
  },
  {
    model: 'iMac (24-inch, M1, 2021)', modelIdentifier: 'iMac21,1', kind: 'desktop',
    appleSilicon: true, processorType: 'Apple M1', processorSpeedMhz: 0, coreCount: 8,
    ramMegabytes: [8192, 16384], bootDisks: [ssd('APPLE SSD AP0256Q', 251000), ssd('APPLE SSD AP0512Q', 500277)],
    osReleases: CURRENT_OS, weight: 3, colors: ['Blue', 'Green', 'Pink', 'Silver', 'Yellow', 'Orange', 'Purple'],
  },
  {
    model: 'iMac (21.5-inch, Late 2015)', modelIdentifier: 'iMac16,1', kind: 'desktop',
    appleSilicon: false, processorType: 'Intel Core i5', processorSpeedMhz: 1600, coreCount: 2,
    ramMegabytes: [8192], bootDisks: [ssd('APPLE HDD ST1000LM024', 1000204)],
    osReleases: [OS.monterey127, OS.bigSur117], weight: 1, colors: ['Silver'],
  },
  {
    model: 'Mac mini (2018)', modelIdentifier: 'Macmini8,1', kind: 'desktop',
    appleSilicon: false, processorType: '6-Core Intel Core i7', processorSpeedMhz: 3200, coreCount: 6,
    ramMegabytes: [8192, 16384, 32768], bootDisks: [ssd('APPLE SSD AP0256M', 251000)],
    osReleases: [OS.sonoma147, OS.ventura137, OS.monterey127], weight: 2, colors: ['Space Gray'],
  },
  {
    model: 'Mac mini (M2, 2023)', modelIdentifier: 'Mac14,3', kind: 'desktop',
    appleSilicon: true, processorType: 'Apple M2', processorSpeedMhz: 0, coreCount: 8,
    ramMegabytes: [8192, 16384], bootDisks: [ssd('APPLE SSD AP0256Z', 251000)],
    osReleases: CURRENT_OS, weight: 2, colors: ['Silver'],
  },
  {
    model: 'Mac Studio (2022)', modelIdentifier: 'Mac13,1', kind: 'desktop',
    appleSilicon: true, processorType: 'Apple M1 Max', processorSpeedMhz: 0, coreCount: 10,
    ramMegabytes: [32768, 65536], bootDisks: [ssd('APPLE SSD AP0512R', 500277), ssd('APPLE SSD AP1024R', 1000240)],
    osReleases: CURRENT_OS, weight: 1.5, colors: ['Silver'],
  },
  {
    model: 'Mac Pro (2019)', modelIdentifier: 'MacPro7,1', kind: 'desktop',
    appleSilicon: false, processorType: '8-Core Intel Xeon W', processorSpeedMhz: 3500, coreCount: 8,
    ramMegabytes: [32768, 98304], bootDisks: [ssd('APPLE SSD AP1024N', 1000240)],
    osReleases: [OS.sequoia152, OS.sonoma147], weight: 0.5, colors: ['Silver'],
  },
];

export const MAC_MODEL_WEIGHTS: readonly number[] = MAC_MODELS.map((m) => m.weight);
