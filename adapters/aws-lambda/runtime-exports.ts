/**
 * Everything a Lambda bundle's own code takes from the runtime: the generated entry needs
 * `lambdaHandlerFor` and `lazyModule`, the `fs` facade given to project code the embedded files.
 * The build compiles this once into the runtime script that opens every Lambda bundle
 * (src/build/lambda-runtime.ts), which declares `__tfaRuntime` before it; the bundle's code
 * reaches the object as the module `tfa:lambda-runtime`. A plain object rather than ES exports,
 * so no export getters or interop helpers run at load.
 */
import { lambdaHandlerFor } from './bundle-entry';
import { lazyModule } from '../../src/bundle/project';
import { embeddedBytes, isEmbedded } from '../../src/bundle/virtual-files';

declare let __tfaRuntime: object;
__tfaRuntime = { lambdaHandlerFor, lazyModule, embeddedBytes, isEmbedded };
