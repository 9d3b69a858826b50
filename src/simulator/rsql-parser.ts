// The parser lives with the connection scopes (src/scope/), which check filters before saving them
// with the same grammar the simulator answers; the simulator keeps importing it from here.
export * from '../scope/rsql-parser';
