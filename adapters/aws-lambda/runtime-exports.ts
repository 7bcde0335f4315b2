/**
 * Everything a Lambda bundle's own code takes from the runtime: the generated entry needs
 * `lambdaHandlerFor` and `lazyModule`, the `fs` facade given to project code the embedded files.
 * The build compiles this once into the runtime script that opens every Lambda bundle
 * (src/build/lambda-runtime.ts); the bundle's code reaches it as the module `tfa:lambda-runtime`.
 */
export { lambdaHandlerFor } from './bundle-entry';
export { lazyModule } from '../../src/bundle/project';
export { embeddedBytes, isEmbedded } from '../../src/bundle/virtual-files';
