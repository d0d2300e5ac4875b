// Auth0 custom database connection: the Login script, which asks the hashcompat hook server
// whether the password opens the legacy account. Paste it into Dashboard > Authentication >
// Database > (connection) > Custom Database > Login, turn on "Import Users to Auth0", and set
// these connection settings (the `configuration` object):
//   HASHCOMPAT_URL     https://hooks.example.com   (the server's public base URL)
//   HASHCOMPAT_SECRET  the shared secret of [auth] secret in the server's TOML
//   HASHCOMPAT_HEADER  the header of [auth] header (X-Hook-Secret if not set)
// The server answers 200 with the profile, 403 for a wrong password, 429 when rate-limited.
function login(userNameOrEmail, password, callback) {
  var header = configuration.HASHCOMPAT_HEADER || "X-Hook-Secret";
  var headers = { "Content-Type": "application/json" };
  headers[header] = configuration.HASHCOMPAT_SECRET;
  fetch(configuration.HASHCOMPAT_URL + "/auth0/login", {
    method: "POST",
    headers: headers,
    body: JSON.stringify({ username: userNameOrEmail, password: password }),
    signal: AbortSignal.timeout(5000)
  })
    .then(function (response) {
      if (response.status === 200) {
        return response.json().then(function (profile) {
          callback(null, profile);
        });
      }
      if (response.status === 403 || response.status === 429) {
        return callback(new WrongUsernameOrPasswordError(userNameOrEmail, "Wrong email or password."));
      }
      return callback(new Error("hashcompat hook answered HTTP " + response.status));
    })
    .catch(function () {
      callback(new Error("hashcompat hook could not be reached"));
    });
}
