// Runs docs/auth0-login.js as Auth0 would: the script's text evaluated in a context that has
// Auth0's globals (configuration, WrongUsernameOrPasswordError), then login() called once.
// Arguments come from the environment so no password is on a command line.
const fs = require("fs");
const vm = require("vm");

class WrongUsernameOrPasswordError extends Error {
  constructor(user, message) {
    super(message);
    this.name = "WrongUsernameOrPasswordError";
    this.user = user;
  }
}

const context = {
  fetch: fetch,
  AbortSignal: AbortSignal,
  JSON: JSON,
  WrongUsernameOrPasswordError: WrongUsernameOrPasswordError,
  configuration: {
    HASHCOMPAT_URL: process.env.HASHCOMPAT_URL,
    HASHCOMPAT_SECRET: process.env.HASHCOMPAT_SECRET,
    HASHCOMPAT_HEADER: process.env.HASHCOMPAT_HEADER,
  },
};
vm.createContext(context);
vm.runInContext(fs.readFileSync(process.env.SCRIPT, "utf8"), context);
context.login(process.env.LOGIN_USER, process.env.LOGIN_PASSWORD, function (error, profile) {
  const result = error ? { error: error.name, message: error.message } : { profile: profile };
  process.stdout.write(JSON.stringify(result));
});
