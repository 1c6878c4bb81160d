/**
 * File types that run code when "opened": programs, installers, scripts, shortcuts, disk images,
 * and HTML (a local page runs its scripts). Opening one from a message needs a warning first.
 */
const EXECUTABLE_EXTENSIONS = new Set([
  'exe', 'com', 'bat', 'cmd', 'scr', 'pif', 'cpl', 'msi', 'msp', 'mst', 'msc', 'gadget', 'application',
  'js', 'jse', 'mjs', 'vbs', 'vbe', 'wsf', 'wsh', 'wsc', 'ps1', 'psm1', 'psd1', 'ps1xml', 'hta', 'reg', 'scf',
  'lnk', 'url', 'inf', 'jar', 'jnlp', 'class', 'sh', 'bash', 'zsh', 'csh', 'ksh', 'command', 'tool', 'run',
  'bin', 'elf', 'out', 'app', 'dmg', 'pkg', 'mpkg', 'iso', 'img', 'vhd', 'vhdx', 'appimage', 'desktop', 'deb',
  'rpm', 'snap', 'flatpakref', 'py', 'pyw', 'pl', 'rb', 'php', 'apk', 'xapk', 'chm', 'html', 'htm', 'xhtml',
  'shtml', 'svg', 'mht', 'mhtml', 'xht', 'xbap', 'appref-ms', 'settingcontent-ms', 'library-ms', 'diagcab',
  'docm', 'xlsm', 'pptm', 'dotm', 'xlam', 'ppam', 'sldm',
]); // prettier-ignore

const EXECUTABLE_TYPES = new Set([
  'application/x-msdownload', 'application/x-msdos-program', 'application/x-ms-installer', 'application/x-msi',
  'application/x-dosexec', 'application/x-executable', 'application/x-sharedlib', 'application/x-mach-binary',
  'application/x-sh', 'application/x-shellscript', 'application/x-bat', 'application/x-csh',
  'application/javascript', 'text/javascript', 'application/x-javascript', 'application/java-archive',
  'application/x-java-archive', 'application/vnd.microsoft.portable-executable', 'application/hta',
  'application/x-apple-diskimage', 'application/vnd.android.package-archive', 'text/html', 'application/xhtml+xml',
  'image/svg+xml', 'application/x-ms-shortcut', 'text/x-python', 'text/x-perl', 'text/x-shellscript',
]); // prettier-ignore

export function fileExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** True when either the name's extension or the declared type is one that runs code. */
export function isExecutableAttachment(filename: string, mimeType: string): boolean {
  return EXECUTABLE_EXTENSIONS.has(fileExtension(filename)) || EXECUTABLE_TYPES.has(mimeType.toLowerCase());
}
