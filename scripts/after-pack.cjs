// electron-builder afterPack hook: flips every Electron fuse explicitly (Element/Bitwarden style).
const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

/** Every fuse, on purpose. strictlyRequireAllFuses makes an unknown (new) fuse a build error. */
const fuses = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: false, // ELECTRON_RUN_AS_NODE would turn the app into a plain Node.
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false, // no NODE_OPTIONS injection
  [FuseV1Options.EnableNodeCliInspectArguments]: false, // no --inspect debugger in release builds
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false, // we serve app://, file:// gets nothing extra
};

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
  await flipFuses(executablePath(context), {
    ...fuses,
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin',
  });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.fuses = fuses;
