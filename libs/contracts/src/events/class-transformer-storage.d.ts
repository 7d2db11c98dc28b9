// class-transformer keeps the @Type metadata the schemas need in this module; it publishes the
// module's types beside it (types/), not next to the CommonJS file.
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
