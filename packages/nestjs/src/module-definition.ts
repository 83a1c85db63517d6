import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { AntomModuleExtras, AntomModuleOptions } from './options';

export const {
  ConfigurableModuleClass: AntomConfigurableModule,
  MODULE_OPTIONS_TOKEN: ANTOM_MODULE_OPTIONS,
  OPTIONS_TYPE: ANTOM_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: ANTOM_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<AntomModuleOptions>({ moduleName: 'Antom' })
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createAntomOptions')
  // The extras are applied by AntomModule itself from the caller's own object (see antom.module.ts), so the
  // async path cannot lose them (nestjs/nest#15661, #13372).
  .setExtras<AntomModuleExtras>({ isGlobal: false, name: undefined }, (definition) => definition)
  .build();
