import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';

/**
 * Large import files as admins have them: employees from an HR export (BOM, ";", "First Name",
 * "Last Name", "Work Email", a Department column that is not imported), and assets assigned to them.
 * Written a line at a time, so writing them does not take the memory the import is measured for.
 */
export async function writeImportFiles(dir: string, rows: number) {
  const employees = path.join(dir, 'employees.csv');
  const assets = path.join(dir, 'assets.csv');
  await writeLines(employees, '\uFEFFFirst Name;Last Name;Work Email;Department', rows, (i) =>
    `Person${i};"Family ${i}; Jr";person.${i}@acme.example;Dept ${i % 40}`,
  );
  await writeLines(assets, 'Serial Number,Asset Type,Status,Model,Location,Assignee Email', rows, (i) =>
    `C02BENCH${String(i).padStart(7, '0')},laptop,allocated,"MacBook Pro (14-inch, M3, Nov 2023)","Paris, floor ${i % 9}",person.${i}@acme.example`,
  );
  return { employees, assets, employeesBytes: fs.statSync(employees).size, assetsBytes: fs.statSync(assets).size };
}

async function writeLines(file: string, header: string, rows: number, line: (i: number) => string): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(`${header}\r\n`);
  for (let i = 1; i <= rows; i++) {
    if (!out.write(`${line(i)}\r\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
