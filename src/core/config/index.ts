export * from './providerPresets';
export * from './readConfig';
// Not the validators (./schema, zod): readConfig loads them only for a setting that is not its default.
export { settingDefaults, providerFields, type ScalarSettingKey, type ProviderField } from './settingDefaults';
