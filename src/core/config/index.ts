export * from './providerPresets';
export * from './readConfig';
export { scalarSettings, providerFieldSchemas } from './schema';
