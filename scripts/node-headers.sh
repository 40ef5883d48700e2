# Sourced by the install and test scripts. node-gyp builds better-sqlite3 against Node's
# headers; without nodedir it downloads them, which fails on machines without general internet
# access. The running Node's own headers (include/node beside its bin/) are used when present.
prefix=$(node -p 'require("path").resolve(process.execPath, "../..")')
if [ -f "$prefix/include/node/node.h" ]; then
  export npm_config_nodedir="$prefix"
fi
