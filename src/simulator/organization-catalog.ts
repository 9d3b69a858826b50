/** Names, departments and buildings used to populate a plausible customer organization. */

export const FIRST_NAMES = [
  'Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'Elijah', 'Sophia', 'Lucas', 'Mia', 'Mateo', 'Amelia',
  'Levi', 'Harper', 'Ethan', 'Evelyn', 'James', 'Isabella', 'Benjamin', 'Aisha', 'Wei', 'Priya',
  'Jonas', 'Sanne', 'Daan', 'Chloé', 'Lars', 'Yuki', 'Omar', 'Fatima', 'Diego', 'Lucía', 'Marta',
  'Kwame', 'Ingrid', 'Tomás', 'Zoë', 'Ruairí', 'Siobhán', 'José', 'Anaïs', 'Björn', 'Nadia',
] as const;

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez',
  'Martinez', 'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson',
  'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Walker', 'Young',
  'de Vries', 'van den Berg', 'Janssen', 'Müller', 'Schmidt', "O'Brien", 'Nakamura', 'Chen',
  'Patel', 'Okafor', 'Kowalski', 'Nguyen', 'Svensson', 'García-López', 'Dubois',
] as const;

export const POSITIONS = [
  'Software Engineer', 'Senior Software Engineer', 'Product Manager', 'Designer', 'Account Executive',
  'Marketing Manager', 'Financial Analyst', 'HR Business Partner', 'IT Support Specialist',
  'Data Scientist', 'Office Manager', 'Sales Engineer', 'Recruiter', 'Legal Counsel', '',
] as const;

export const DEPARTMENT_NAMES = [
  'Engineering', 'Sales', 'Marketing', 'Finance', 'Human Resources', 'IT', 'Design', 'Operations',
  'Legal',
] as const;

export interface BuildingSeed {
  name: string;
  streetAddress1: string;
  city: string;
  stateProvince: string | null;
  zipPostalCode: string;
  country: string;
}

export const BUILDING_SEEDS: readonly BuildingSeed[] = [
  { name: 'Amsterdam HQ', streetAddress1: 'Keizersgracht 123', city: 'Amsterdam', stateProvince: 'Noord-Holland', zipPostalCode: '1015 CJ', country: 'Netherlands' },
  { name: 'London Office', streetAddress1: '1 Finsbury Avenue', city: 'London', stateProvince: null, zipPostalCode: 'EC2M 2PF', country: 'United Kingdom' },
  { name: 'New York Office', streetAddress1: '350 Fifth Avenue', city: 'New York', stateProvince: 'NY', zipPostalCode: '10118', country: 'United States' },
  { name: 'Austin Office', streetAddress1: '500 W 2nd St', city: 'Austin', stateProvince: 'TX', zipPostalCode: '78701', country: 'United States' },
];

export const EMAIL_DOMAIN = 'example.com';
