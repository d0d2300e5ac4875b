#!/usr/bin/env bash
# ASP.NET password vectors, made by .NET code run on Mono 6.8 (Debian: mono-mcs, mono-runtime,
# libmono-system-web4.0-cil):
#
# - aspnet_identity_v2 / _v3: Microsoft's own PasswordHasher<TUser> (ASP.NET Core Identity,
#   src/Identity/Extensions.Core/src/PasswordHasher.cs at dotnet/aspnetcore commit
#   31c080a1e81582a239f050f4d2c89a18c2fc119d, the netstandard2.0 build), compiled unchanged
#   beside the small stand-ins below for its options types and for KeyDerivation.Pbkdf2
#   (UTF-8 password, then the runtime's Rfc2898DeriveBytes with the PRF asked for). v3 hashes
#   are made at the defaults of Core 2-6 (HMAC-SHA256, 10000) and, through the same private
#   HashPasswordV3 that .NET 7+ calls, at HMAC-SHA512 100000 and HMAC-SHA1 1000; every one is
#   checked with the file's VerifyHashedPassword.
# - aspnet_membership: Mono's System.Web SqlMembershipProvider.EncodePassword with
#   passwordFormat Hashed and hashAlgorithmType SHA1 (the .NET 2.0-3.5 default), salt 16
#   random bytes in base64 as the PasswordSalt column holds it. hashcat's EPiServer 6.x
#   (mode 141) vectors, the same formula with the salt inside the string, are added re-laid
#   out as a PasswordSalt column and a padded Password column.
#
#     bash tests/vectors/make_aspnet.sh path/to/PasswordHasher.cs > tests/vectors/aspnet.jsonl
set -euo pipefail
hasher=$(realpath "$1")
here=$(dirname "$(realpath "$0")")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/shims.cs" <<'CS'
using System;
using System.Security.Cryptography;
using System.Text;

namespace Microsoft.AspNetCore.Cryptography.KeyDerivation
{
    public enum KeyDerivationPrf { HMACSHA1, HMACSHA256, HMACSHA512 }

    public static class KeyDerivation
    {
        public static byte[] Pbkdf2(string password, byte[] salt, KeyDerivationPrf prf,
                                    int iterationCount, int numBytesRequested)
        {
            var name = prf == KeyDerivationPrf.HMACSHA1 ? HashAlgorithmName.SHA1
                : prf == KeyDerivationPrf.HMACSHA256 ? HashAlgorithmName.SHA256
                : prf == KeyDerivationPrf.HMACSHA512 ? HashAlgorithmName.SHA512
                : throw new ArgumentOutOfRangeException(nameof(prf));
            var kdf = new Rfc2898DeriveBytes(Encoding.UTF8.GetBytes(password), salt, iterationCount, name);
            return kdf.GetBytes(numBytesRequested);
        }
    }
}

namespace Microsoft.Extensions.Options
{
    public interface IOptions<T> { T Value { get; } }
    public sealed class Options<T> : IOptions<T> { public T Value { get; set; } }
}

namespace Microsoft.Extensions.Identity.Core
{
    internal static class Resources
    {
        public const string InvalidPasswordHasherIterationCount = "bad iteration count";
        public const string InvalidPasswordHasherCompatibilityMode = "bad compatibility mode";
    }
}

namespace Microsoft.AspNetCore.Identity
{
    public interface IPasswordHasher<TUser> where TUser : class
    {
        string HashPassword(TUser user, string password);
        PasswordVerificationResult VerifyHashedPassword(TUser user, string hashed, string provided);
    }
    public enum PasswordHasherCompatibilityMode { IdentityV2, IdentityV3 }
    public enum PasswordVerificationResult { Failed, Success, SuccessRehashNeeded }
    public class PasswordHasherOptions
    {
        public PasswordHasherCompatibilityMode CompatibilityMode { get; set; } = PasswordHasherCompatibilityMode.IdentityV3;
        public int IterationCount { get; set; } = 10000;
        public RandomNumberGenerator Rng { get; set; } = RandomNumberGenerator.Create();
    }
}
CS
cat > "$work/main.cs" <<'CS'
using System;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Web.Security;
using Microsoft.AspNetCore.Cryptography.KeyDerivation;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

static class Program
{
    static readonly string[] Passwords = { "hashcat", "pässwort ✓", "", "Tr0ub4dor&3 correct horse battery staple, long enough to pass one SHA-512 block of 128 bytes." };
    const string Core = "ASP.NET Core Identity PasswordHasher.cs (dotnet/aspnetcore 31c080a), Mono ";

    static string Quote(string text)
    {
        var b = new StringBuilder("\"");
        foreach (char c in text)
            b.Append(c == '"' || c == '\\' ? "\\" + c : c < 0x20 || c > 0x7e ? "\\u" + ((int)c).ToString("x4") : c.ToString());
        return b.Append('"').ToString();
    }

    static void Emit(string scheme, string password, string hash, bool expect, string source, string salt = null)
    {
        var saltField = salt == null ? "" : ", \"salt\": " + Quote(salt);
        Console.WriteLine("{\"scheme\": " + Quote(scheme) + ", \"password\": " + Quote(password) + ", \"hash\": " + Quote(hash)
            + saltField + ", \"expect\": " + (expect ? "true" : "false") + ", \"source\": " + Quote(source) + "}");
    }

    static PasswordHasher<object> Hasher(PasswordHasherCompatibilityMode mode)
    {
        var options = new PasswordHasherOptions { CompatibilityMode = mode };
        return new PasswordHasher<object>(new Options<PasswordHasherOptions> { Value = options });
    }

    static void Main()
    {
        var mono = (string)Type.GetType("Mono.Runtime").GetMethod("GetDisplayName", BindingFlags.NonPublic | BindingFlags.Static).Invoke(null, null);
        var v2 = Hasher(PasswordHasherCompatibilityMode.IdentityV2);
        var v3 = Hasher(PasswordHasherCompatibilityMode.IdentityV3);
        var v3Static = typeof(PasswordHasher<object>).GetMethod("HashPasswordV3", BindingFlags.NonPublic | BindingFlags.Static);
        var rng = RandomNumberGenerator.Create();
        for (int i = 0; i < Passwords.Length; i++)
        {
            var password = Passwords[i];
            var h2 = v2.HashPassword(null, password);
            Check(v3.VerifyHashedPassword(null, h2, password) != PasswordVerificationResult.Failed);
            Emit("aspnet_identity_v2", password, h2, true, Core + mono + ", IdentityV2 HashPassword");
            var h3 = v3.HashPassword(null, password);
            Check(v3.VerifyHashedPassword(null, h3, password) == PasswordVerificationResult.Success);
            Emit("aspnet_identity_v3", password, h3, true, Core + mono + ", IdentityV3 HashPassword (HMACSHA256, 10000)");
            var prf = i % 2 == 0 ? KeyDerivationPrf.HMACSHA512 : KeyDerivationPrf.HMACSHA1;
            var iterations = prf == KeyDerivationPrf.HMACSHA512 ? 100000 : 1000;
            var raw = (byte[])v3Static.Invoke(null, new object[] { password, rng, prf, iterations, 16, 32 });
            var h3b = Convert.ToBase64String(raw);
            Check(v3.VerifyHashedPassword(null, h3b, password) != PasswordVerificationResult.Failed);
            Emit("aspnet_identity_v3", password, h3b, true, Core + mono + ", HashPasswordV3(" + prf + ", " + iterations + ")");
            if (i == 0)
            {
                Check(v3.VerifyHashedPassword(null, h2, "wrong") == PasswordVerificationResult.Failed);
                Emit("aspnet_identity_v2", "wrong", h2, false, Core + mono + ", VerifyHashedPassword: Failed");
                Check(v3.VerifyHashedPassword(null, h3, "wrong") == PasswordVerificationResult.Failed);
                Emit("aspnet_identity_v3", "wrong", h3, false, Core + mono + ", VerifyHashedPassword: Failed");
                Check(v3.VerifyHashedPassword(null, h3b, "Hashcat") == PasswordVerificationResult.Failed);
                Emit("aspnet_identity_v3", "Hashcat", h3b, false, Core + mono + ", VerifyHashedPassword: Failed");
            }
        }
        var provider = new SqlMembershipProvider();
        var encode = typeof(SqlMembershipProvider).GetMethod("EncodePassword", BindingFlags.Instance | BindingFlags.NonPublic);
        var membership = "Mono " + mono + " System.Web SqlMembershipProvider.EncodePassword (Hashed, SHA1)";
        for (int i = 0; i < Passwords.Length; i++)
        {
            var saltBytes = new byte[16];
            rng.GetBytes(saltBytes);
            var salt = Convert.ToBase64String(saltBytes);
            var hash = (string)encode.Invoke(provider, new object[] { Passwords[i], MembershipPasswordFormat.Hashed, salt });
            Emit("aspnet_membership", Passwords[i], hash, true, membership, salt);
            if (i == 0)
            {
                var wrong = (string)encode.Invoke(provider, new object[] { "wrong", MembershipPasswordFormat.Hashed, salt });
                Check(wrong != hash);
                Emit("aspnet_membership", "wrong", hash, false, membership + " (negative)", salt);
            }
        }
    }

    static void Check(bool ok)
    {
        if (!ok) throw new Exception("the platform's own check disagrees");
    }
}
CS
cat > "$work/make.exe.config" <<'XML'
<?xml version="1.0"?>
<configuration><system.web><membership hashAlgorithmType="SHA1" /></system.web></configuration>
XML
cp "$hasher" "$work/PasswordHasher.cs"
mcs -nologo -langversion:experimental -d:NET462 -out:"$work/make.exe" -r:System.Web.dll \
    -r:System.Configuration.dll -r:System.Web.ApplicationServices.dll \
    "$work/PasswordHasher.cs" "$work/shims.cs" "$work/main.cs" >&2
mono "$work/make.exe"
python3 - "$here/hashcat/hashcat.jsonl" <<'PY'
import json, sys

for line in open(sys.argv[1], encoding="utf-8"):
    row = json.loads(line)
    if row["mode"] == 141:  # $episerver$*0*<salt b64>*<digest b64, no padding>
        _, _, salt, digest = row["line"].split("*")
        out = {"scheme": "aspnet_membership", "password": row["password"], "hash": digest + "=",
               "salt": salt, "expect": row["expect"],
               "source": row["source"] + " (EPiServer 6 mode 141, re-laid out as columns)"}
        print(json.dumps(out, ensure_ascii=False))
PY
