/** The station reports' pure side: periods, age bands, shapes and sheet layout. */
export * from './age-bands';
export * from './csv';
export * from './periods';
export * from './report-error';
export * from './report-layout';
export * from './report-types';
export * from './vietnam-time';
