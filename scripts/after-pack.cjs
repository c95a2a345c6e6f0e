// electron-builder afterPack hook: flips every Electron fuse explicitly (Element/Bitwarden style).
// @electron/fuses 2.x is ESM-only, so the hook loads it with import(); electron-builder awaits async hooks.
// (electron-builder's own `electronFuses` option is not used: it has no name for WasmTrapHandlers.)
const path = require('node:path');

/**
 * Every fuse of Electron 45 (schema: electron/electron build/fuses/fuses.json5), by its @electron/fuses name.
 * strictlyRequireAllFuses makes a fuse added by a future Electron a build error until someone decides it here.
 */
const fuseSettings = {
  RunAsNode: false, // ELECTRON_RUN_AS_NODE would turn the app into a plain Node.
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false, // no NODE_OPTIONS injection
  EnableNodeCliInspectArguments: false, // no --inspect debugger in release builds
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: false, // we serve app://, file:// gets nothing extra
  // On (Electron's default, as in Chrome): V8 catches out-of-bounds WebAssembly memory access with guard pages
  // and a signal handler instead of inline bounds checks. Turning it off only saves address space for apps in
  // memory-constrained environments (electron/electron#48983); it adds no protection, and ceremony laptops are
  // 64-bit desktops. Off would also put the app on a V8 path Chrome does not ship.
  WasmTrapHandlers: true,
};

/**
 * The flipFuses config for `fuseSettings`: `{ version, strictlyRequireAllFuses, [index]: boolean }`.
 * Throws if a name is unknown to this @electron/fuses (a typo or a downgrade), rather than skipping it.
 */
async function fuseConfig() {
  const { FuseVersion, FuseV1Options } = await import('@electron/fuses');
  const config = { version: FuseVersion.V1, strictlyRequireAllFuses: true };
  for (const [name, on] of Object.entries(fuseSettings)) {
    const index = FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`@electron/fuses has no fuse named ${name}`);
    config[index] = on;
  }
  return config;
}

function executablePath(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

async function afterPack(context) {
  const { flipFuses } = await import('@electron/fuses');
  await flipFuses(executablePath(context), {
    ...(await fuseConfig()),
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin',
  });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuseSettings = fuseSettings;
module.exports.fuseConfig = fuseConfig;
