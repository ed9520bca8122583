// The auth emails' wording, one entry per language: the one place to add or correct a
// translation. Placeholders keep Appwrite's names; the sentences are Basalt's own. This file is
// data and grows by about 100 lines per language.
#include "auth/emails/translations.hpp"

#include <array>

namespace basalt::auth::detail {
namespace {

constexpr std::array kTranslations = {
    Translation{
        .code = "en",
        .direction = "ltr",
        .common = {.greeting = "Hello {{user}},",
                   .greeting_anonymous = "Hello,",
                   .link_hint = "If the button does not work, copy this link into your browser:",
                   .client_info = "Requested from {{agentClient}} on {{agentDevice}} {{agentOs}}.",
                   .security_phrase =
                       "Security phrase: {{phrase}}. Trust this email only if it matches the "
                       "phrase shown where you signed in.",
                   .device = "Device",
                   .ip_address = "IP address",
                   .country = "Country",
                   .signoff = "Thanks,",
                   .signature = "The {{project}} team"},
        .kinds =
            {
                .verification = {.subject = "Verify your email for {{project}}",
                                 .preview = "Confirm your email address to finish setting up your "
                                            "{{project}} account.",
                                 .heading = "Confirm your email address",
                                 .intro = "Please confirm that this is the email address of your "
                                          "{{project}} account.",
                                 .action = "Verify email",
                                 .ignore = "If you did not create an account or ask for this, you "
                                           "can ignore this email."},
                .recovery =
                    {.subject = "Reset your {{project}} password",
                     .preview = "Use this link to choose a new password for {{project}}.",
                     .heading = "Reset your password",
                     .intro =
                         "We received a request to reset the password of your {{project}} account.",
                     .action = "Choose a new password",
                     .ignore = "If you did not ask for this, ignore this email; your password "
                               "stays the same."},
                .magic_session =
                    {.subject = "Sign in to {{project}}",
                     .preview = "Your sign-in link for {{project}}. It expires in 1 hour.",
                     .heading = "Sign in to {{project}}",
                     .intro =
                         "Use the button below to sign in to your {{project}} account. The link "
                         "expires in 1 hour and works only once.",
                     .action = "Sign in",
                     .ignore = "If you did not try to sign in, you can ignore this email."},
                .otp_session =
                    {.subject = "Your {{project}} sign-in code",
                     .preview =
                         "Your sign-in code for {{project}} is {{otp}}. It expires in 15 minutes.",
                     .heading = "Your sign-in code",
                     .intro = "Enter this code to sign in to your {{project}} account. It expires "
                              "in 15 minutes.",
                     .ignore = "If you did not try to sign in, you can ignore this email."},
                .mfa_challenge =
                    {.subject = "Your {{project}} verification code",
                     .preview = "Your two-step verification code for {{project}} is {{otp}}.",
                     .heading = "Confirm it is you",
                     .intro =
                         "Enter this code to complete two-step verification for {{project}}. It "
                         "expires in 15 minutes.",
                     .ignore =
                         "If you did not try to sign in, someone may know your password: change it "
                         "as soon as you can."},
                .invitation = {.subject = "Invitation to join {{team}} on {{project}}",
                               .preview =
                                   "You are invited to join the {{team}} team on {{project}}.",
                               .heading = "You have been invited",
                               .intro = "You are invited to join the {{team}} team on {{project}}.",
                               .detail = "This invitation comes from {{owner}}.",
                               .action = "Accept the invitation",
                               .ignore = "If you are not interested, you can ignore this email."},
                .session_alert = {.subject =
                                      "Security alert: new sign-in to your {{project}} account",
                                  .preview =
                                      "New sign-in to {{project}} on {{date}} at {{time}} UTC.",
                                  .heading = "New sign-in detected",
                                  .intro = "A new session started on your {{project}} account on "
                                           "{{date}} at {{time}} "
                                           "UTC. Its details:",
                                  .ignore = "If this was you, there is nothing to do. If not, "
                                            "change your password and "
                                            "end the sessions you do not recognise."},
            }},
    Translation{
        .code = "de",
        .direction = "ltr",
        .common =
            {.greeting = "Hallo {{user}},",
             .greeting_anonymous = "Hallo,",
             .link_hint = "Falls die Schaltfläche nicht funktioniert, kopieren Sie diesen Link in "
                          "Ihren Browser:",
             .client_info = "Angefordert von {{agentClient}} auf {{agentDevice}} {{agentOs}}.",
             .security_phrase =
                 "Sicherheitsphrase: {{phrase}}. Vertrauen Sie dieser E-Mail nur, wenn sie mit "
                 "der bei der Anmeldung angezeigten Phrase übereinstimmt.",
             .device = "Gerät",
             .ip_address = "IP-Adresse",
             .country = "Land",
             .signoff = "Viele Grüße",
             .signature = "Das Team von {{project}}"},
        .kinds =
            {
                .verification =
                    {.subject = "Bestätigen Sie Ihre E-Mail-Adresse für {{project}}",
                     .preview = "Bestätigen Sie Ihre E-Mail-Adresse, um Ihr Konto bei {{project}} "
                                "einzurichten.",
                     .heading = "Bestätigen Sie Ihre E-Mail-Adresse",
                     .intro = "Bitte bestätigen Sie, dass dies die E-Mail-Adresse Ihres Kontos bei "
                              "{{project}} ist.",
                     .action = "E-Mail-Adresse bestätigen",
                     .ignore = "Wenn Sie kein Konto angelegt oder dies nicht angefordert haben, "
                               "können Sie "
                               "diese E-Mail ignorieren."},
                .recovery = {.subject = "Passwort für {{project}} zurücksetzen",
                             .preview =
                                 "Mit diesem Link wählen Sie ein neues Passwort für {{project}}.",
                             .heading = "Passwort zurücksetzen",
                             .intro = "Wir haben eine Anfrage erhalten, das Passwort Ihres Kontos "
                                      "bei {{project}} "
                                      "zurückzusetzen.",
                             .action = "Neues Passwort wählen",
                             .ignore = "Wenn Sie das nicht angefordert haben, ignorieren Sie diese "
                                       "E-Mail; Ihr Passwort "
                                       "bleibt unverändert."},
                .magic_session = {.subject = "Bei {{project}} anmelden",
                                  .preview =
                                      "Ihr Anmeldelink für {{project}}. Er ist 1 Stunde gültig.",
                                  .heading = "Bei {{project}} anmelden",
                                  .intro = "Melden Sie sich über die Schaltfläche unten bei "
                                           "{{project}} an. Der Link ist "
                                           "1 Stunde gültig und funktioniert nur einmal.",
                                  .action = "Anmelden",
                                  .ignore = "Wenn Sie sich nicht anmelden wollten, können Sie "
                                            "diese E-Mail ignorieren."},
                .otp_session =
                    {
                        .subject = "Ihr Anmeldecode für {{project}}",
                        .preview = "Ihr Anmeldecode für {{project}} lautet {{otp}}. Er ist 15 "
                                   "Minuten gültig.",
                        .heading = "Ihr Anmeldecode",
                        .intro =
                            "Geben Sie diesen Code ein, um sich bei {{project}} anzumelden. Er ist "
                            "15 Minuten gültig.",
                        .ignore = "Wenn Sie sich nicht anmelden wollten, können Sie diese E-Mail "
                                  "ignorieren."},
                .mfa_challenge =
                    {.subject = "Ihr Bestätigungscode für {{project}}",
                     .preview =
                         "Ihr Code für die zweistufige Bestätigung bei {{project}} lautet {{otp}}.",
                     .heading = "Bestätigen Sie, dass Sie es sind",
                     .intro = "Geben Sie diesen Code ein, um die zweistufige Bestätigung bei "
                              "{{project}} "
                              "abzuschließen. Er ist 15 Minuten gültig.",
                     .ignore =
                         "Wenn Sie sich nicht anmelden wollten, kennt möglicherweise jemand Ihr "
                         "Passwort: Ändern Sie es so bald wie möglich."},
                .invitation =
                    {.subject = "Einladung in das Team {{team}} bei {{project}}",
                     .preview =
                         "Sie sind eingeladen, dem Team {{team}} bei {{project}} beizutreten.",
                     .heading = "Sie wurden eingeladen",
                     .intro = "Sie sind eingeladen, dem Team {{team}} bei {{project}} beizutreten.",
                     .detail =
                         "Die Einladung kommt von {{owner}}.",
                     .action =
                         "Einladung annehmen",
                     .ignore =
                         "Wenn Sie kein Interesse haben, können Sie diese E-Mail ignorieren."},
                .session_alert =
                    {.subject = "Sicherheitshinweis: neue Anmeldung bei {{project}}",
                     .preview = "Neue Anmeldung bei {{project}} am {{date}} um {{time}} UTC.",
                     .heading = "Neue Anmeldung erkannt",
                     .intro = "Am {{date}} um {{time}} UTC wurde eine neue Sitzung in Ihrem Konto "
                              "bei "
                              "{{project}} gestartet. Die Details:",
                     .ignore =
                         "Wenn Sie das waren, ist nichts weiter zu tun. Andernfalls ändern Sie Ihr "
                         "Passwort und beenden Sie die Sitzungen, die Sie nicht kennen."},
            }},
    Translation{
        .code = "es",
        .direction = "ltr",
        .common =
            {.greeting = "Hola, {{user}}:",
             .greeting_anonymous = "Hola:",
             .link_hint = "Si el botón no funciona, copia este enlace en tu navegador:",
             .client_info = "Solicitado desde {{agentClient}} en {{agentDevice}} {{agentOs}}.",
             .security_phrase =
                 "Frase de seguridad: {{phrase}}. Confía en este correo solo si coincide con la "
                 "frase que se mostró al iniciar sesión.",
             .device = "Dispositivo",
             .ip_address = "Dirección IP",
             .country = "País",
             .signoff = "Gracias,",
             .signature = "El equipo de {{project}}"},
        .kinds =
            {
                .verification =
                    {.subject = "Verifica tu correo electrónico para {{project}}",
                     .preview =
                         "Confirma tu dirección de correo para terminar de configurar tu cuenta de "
                         "{{project}}.",
                     .heading = "Confirma tu dirección de correo",
                     .intro = "Confirma que esta es la dirección de correo de tu cuenta de "
                              "{{project}}.",
                     .action = "Verificar correo",
                     .ignore = "Si no creaste una cuenta ni pediste esta verificación, puedes "
                               "ignorar este "
                               "correo."},
                .recovery =
                    {.subject = "Restablece tu contraseña de {{project}}",
                     .preview =
                         "Usa este enlace para elegir una nueva contraseña para {{project}}.",
                     .heading = "Restablece tu contraseña",
                     .intro = "Hemos recibido una solicitud para restablecer la contraseña de tu "
                              "cuenta de "
                              "{{project}}.",
                     .action = "Elegir una nueva contraseña",
                     .ignore =
                         "Si no lo solicitaste, ignora este correo; tu contraseña no cambiará."},
                .magic_session =
                    {.subject = "Inicia sesión en {{project}}",
                     .preview = "Tu enlace para iniciar sesión en {{project}}. Caduca en 1 hora.",
                     .heading = "Inicia sesión en {{project}}",
                     .intro = "Usa el botón de abajo para iniciar sesión en tu cuenta de "
                              "{{project}}. El "
                              "enlace caduca en 1 hora y solo funciona una vez.",
                     .action = "Iniciar sesión",
                     .ignore = "Si no intentaste iniciar sesión, puedes ignorar este correo."},
                .otp_session =
                    {.subject = "Tu código de acceso a {{project}}",
                     .preview =
                         "Tu código de acceso a {{project}} es {{otp}}. Caduca en 15 minutos.",
                     .heading =
                         "Tu código de acceso",
                     .intro = "Introduce este código para iniciar sesión en tu cuenta de "
                              "{{project}}. Caduca "
                              "en 15 minutos.",
                     .ignore = "Si no intentaste iniciar sesión, puedes ignorar este correo."},
                .mfa_challenge =
                    {.subject = "Tu código de verificación de {{project}}",
                     .preview =
                         "Tu código de verificación en dos pasos para {{project}} es {{otp}}.",
                     .heading = "Confirma que eres tú",
                     .intro = "Introduce este código para completar la verificación en dos pasos "
                              "en "
                              "{{project}}. Caduca en 15 minutos.",
                     .ignore = "Si no intentaste iniciar sesión, es posible que alguien conozca tu "
                               "contraseña: cámbiala lo antes posible."},
                .invitation = {.subject = "Invitación al equipo {{team}} en {{project}}",
                               .preview =
                                   "Te han invitado a unirte al equipo {{team}} en {{project}}.",
                               .heading = "Tienes una invitación",
                               .intro =
                                   "Te han invitado a unirte al equipo {{team}} en {{project}}.",
                               .detail = "La invitación es de {{owner}}.",
                               .action = "Aceptar la invitación",
                               .ignore = "Si no te interesa, puedes ignorar este correo."},
                .session_alert =
                    {.subject =
                         "Alerta de seguridad: nuevo inicio de sesión en tu cuenta de {{project}}",
                     .preview =
                         "Nuevo inicio de sesión en {{project}} el {{date}} a las {{time}} UTC.",
                     .heading = "Nuevo inicio de sesión detectado",
                     .intro = "Se ha iniciado una nueva sesión en tu cuenta de {{project}} el "
                              "{{date}} a las "
                              "{{time}} UTC. Estos son los detalles:",
                     .ignore = "Si fuiste tú, no tienes que hacer nada. Si no, cambia tu "
                               "contraseña y cierra "
                               "las sesiones que no reconozcas."},
            }},
    Translation{
        .code = "fr",
        .direction = "ltr",
        .common =
            {.greeting = "Bonjour {{user}},",
             .greeting_anonymous = "Bonjour,",
             .link_hint = "Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur :",
             .client_info =
                 "Demande effectuée depuis {{agentClient}} sur {{agentDevice}} {{agentOs}}.",
             .security_phrase =
                 "Phrase de sécurité : {{phrase}}. Ne faites confiance à cet e-mail que si elle "
                 "correspond à la phrase affichée lors de la connexion.",
             .device = "Appareil",
             .ip_address = "Adresse IP",
             .country = "Pays",
             .signoff = "Merci,",
             .signature = "L’équipe {{project}}"},
        .kinds =
            {
                .verification =
                    {.subject = "Vérifiez votre adresse e-mail pour {{project}}",
                     .preview =
                         "Confirmez votre adresse e-mail pour finaliser votre compte {{project}}.",
                     .heading = "Confirmez votre adresse e-mail",
                     .intro = "Veuillez confirmer qu’il s’agit bien de l’adresse e-mail de votre "
                              "compte "
                              "{{project}}.",
                     .action = "Vérifier l’adresse e-mail",
                     .ignore = "Si vous n’avez pas créé de compte ni demandé cette vérification, "
                               "vous pouvez "
                               "ignorer cet e-mail."},
                .recovery =
                    {.subject = "Réinitialisez votre mot de passe {{project}}",
                     .preview =
                         "Utilisez ce lien pour choisir un nouveau mot de passe pour {{project}}.",
                     .heading = "Réinitialisez votre mot de passe",
                     .intro = "Nous avons reçu une demande de réinitialisation du mot de passe de "
                              "votre compte "
                              "{{project}}.",
                     .action = "Choisir un nouveau mot de passe",
                     .ignore = "Si vous n’êtes pas à l’origine de cette demande, ignorez cet "
                               "e-mail ; votre mot "
                               "de passe reste inchangé."},
                .magic_session =
                    {.subject = "Connexion à {{project}}",
                     .preview = "Votre lien de connexion à {{project}}. Il expire dans 1 heure.",
                     .heading = "Connectez-vous à {{project}}",
                     .intro = "Utilisez le bouton ci-dessous pour vous connecter à votre compte "
                              "{{project}}. "
                              "Le lien expire dans 1 heure et ne fonctionne qu’une fois.",
                     .action = "Se connecter",
                     .ignore = "Si vous n’avez pas essayé de vous connecter, vous pouvez ignorer "
                               "cet e-mail."},
                .otp_session = {.subject = "Votre code de connexion à {{project}}",
                                .preview = "Votre code de connexion à {{project}} est {{otp}}. Il "
                                           "expire dans 15 minutes.",
                                .heading = "Votre code de connexion",
                                .intro = "Saisissez ce code pour vous connecter à votre compte "
                                         "{{project}}. Il expire "
                                         "dans 15 minutes.",
                                .ignore = "Si vous n’avez pas essayé de vous connecter, vous "
                                          "pouvez ignorer cet e-mail."},
                .mfa_challenge =
                    {.subject = "Votre code de vérification {{project}}",
                     .preview =
                         "Votre code de vérification en deux étapes pour {{project}} est {{otp}}.",
                     .heading = "Confirmez votre identité",
                     .intro = "Saisissez ce code pour terminer la vérification en deux étapes sur "
                              "{{project}}. Il expire dans 15 minutes.",
                     .ignore =
                         "Si vous n’avez pas essayé de vous connecter, quelqu’un connaît peut-être "
                         "votre mot de passe : changez-le dès que possible."},
                .invitation =
                    {.subject = "Invitation à rejoindre l’équipe {{team}} sur {{project}}",
                     .preview =
                         "Vous êtes invité(e) à rejoindre l’équipe {{team}} sur {{project}}.",
                     .heading = "Vous avez reçu une invitation",
                     .intro = "Vous êtes invité(e) à rejoindre l’équipe {{team}} sur {{project}}.",
                     .detail =
                         "Cette invitation vous a été envoyée par {{owner}}.",
                     .action =
                         "Accepter l’invitation",
                     .ignore =
                         "Si cela ne vous intéresse pas, vous pouvez ignorer cet e-mail."},
                .session_alert =
                    {.subject =
                         "Alerte de sécurité : nouvelle connexion à votre compte {{project}}",
                     .preview = "Nouvelle connexion à {{project}} le {{date}} à {{time}} UTC.",
                     .heading = "Nouvelle connexion détectée",
                     .intro = "Une nouvelle session a été ouverte sur votre compte {{project}} le "
                              "{{date}} à "
                              "{{time}} UTC. En voici les détails :",
                     .ignore = "Si c’était vous, vous n’avez rien à faire. Sinon, changez votre "
                               "mot de passe "
                               "et fermez les sessions que vous ne reconnaissez pas."},
            }},
    Translation{
        .code = "it",
        .direction = "ltr",
        .common = {.greeting = "Ciao {{user}},",
                   .greeting_anonymous = "Ciao,",
                   .link_hint = "Se il pulsante non funziona, copia questo link nel browser:",
                   .client_info =
                       "Richiesta effettuata da {{agentClient}} su {{agentDevice}} {{agentOs}}.",
                   .security_phrase =
                       "Frase di sicurezza: {{phrase}}. Fidati di questa email solo se corrisponde "
                       "alla frase mostrata durante l’accesso.",
                   .device = "Dispositivo",
                   .ip_address = "Indirizzo IP",
                   .country = "Paese",
                   .signoff = "Grazie,",
                   .signature = "Il team di {{project}}"},
        .kinds =
            {
                .verification =
                    {.subject = "Verifica la tua email per {{project}}",
                     .preview =
                         "Conferma il tuo indirizzo email per completare la configurazione del tuo "
                         "account {{project}}.",
                     .heading = "Conferma il tuo indirizzo email",
                     .intro = "Conferma che questo è l’indirizzo email del tuo account "
                              "{{project}}.",
                     .action = "Verifica email",
                     .ignore =
                         "Se non hai creato un account né richiesto questa verifica, puoi ignorare "
                         "questa email."},
                .recovery =
                    {.subject = "Reimposta la password di {{project}}",
                     .preview = "Usa questo link per scegliere una nuova password per {{project}}.",
                     .heading = "Reimposta la password",
                     .intro = "Abbiamo ricevuto una richiesta di reimpostazione della password del "
                              "tuo account "
                              "{{project}}.",
                     .action = "Scegli una nuova password",
                     .ignore = "Se non l’hai richiesto tu, ignora questa email: la tua password "
                               "resta invariata."},
                .magic_session =
                    {.subject = "Accedi a {{project}}",
                     .preview = "Il tuo link di accesso a {{project}}. Scade tra 1 ora.",
                     .heading = "Accedi a {{project}}",
                     .intro = "Usa il pulsante qui sotto per accedere al tuo account {{project}}. "
                              "Il link "
                              "scade tra 1 ora e funziona una sola volta.",
                     .action = "Accedi",
                     .ignore = "Se non hai provato ad accedere, puoi ignorare questa email."},
                .otp_session =
                    {.subject = "Il tuo codice di accesso a {{project}}",
                     .preview =
                         "Il tuo codice di accesso a {{project}} è {{otp}}. Scade tra 15 minuti.",
                     .heading =
                         "Il tuo codice di accesso",
                     .intro = "Inserisci questo codice per accedere al tuo account {{project}}. "
                              "Scade tra "
                              "15 minuti.",
                     .ignore = "Se non hai provato ad accedere, puoi ignorare questa email."},
                .mfa_challenge =
                    {.subject = "Il tuo codice di verifica per {{project}}",
                     .preview =
                         "Il tuo codice per la verifica in due passaggi su {{project}} è {{otp}}.",
                     .heading = "Conferma che sei tu",
                     .intro = "Inserisci questo codice per completare la verifica in due passaggi "
                              "su "
                              "{{project}}. Scade tra 15 minuti.",
                     .ignore = "Se non hai provato ad accedere, qualcuno potrebbe conoscere la tua "
                               "password: "
                               "cambiala al più presto."},
                .invitation = {.subject = "Invito a unirti al team {{team}} su {{project}}",
                               .preview =
                                   "Sei stato invitato a unirti al team {{team}} su {{project}}.",
                               .heading = "Hai ricevuto un invito",
                               .intro =
                                   "Sei stato invitato a unirti al team {{team}} su {{project}}.",
                               .detail = "L’invito è stato inviato da {{owner}}.",
                               .action = "Accetta l’invito",
                               .ignore = "Se non ti interessa, puoi ignorare questa email."},
                .session_alert =
                    {.subject = "Avviso di sicurezza: nuovo accesso al tuo account {{project}}",
                     .preview = "Nuovo accesso a {{project}} il {{date}} alle {{time}} UTC.",
                     .heading = "Nuovo accesso rilevato",
                     .intro = "È stata avviata una nuova sessione nel tuo account {{project}} il "
                              "{{date}} "
                              "alle {{time}} UTC. Ecco i dettagli:",
                     .ignore = "Se sei stato tu, non devi fare nulla. Altrimenti cambia la "
                               "password e chiudi "
                               "le sessioni che non riconosci."},
            }},
    Translation{
        .code = "nl",
        .direction = "ltr",
        .common = {.greeting = "Hallo {{user}},",
                   .greeting_anonymous = "Hallo,",
                   .link_hint = "Werkt de knop niet? Kopieer dan deze link naar je browser:",
                   .client_info =
                       "Aangevraagd vanaf {{agentClient}} op {{agentDevice}} {{agentOs}}.",
                   .security_phrase =
                       "Beveiligingszin: {{phrase}}. Vertrouw deze e-mail alleen als deze zin "
                       "overeenkomt met de zin die bij het inloggen werd getoond.",
                   .device = "Apparaat",
                   .ip_address = "IP-adres",
                   .country = "Land",
                   .signoff = "Bedankt,",
                   .signature = "Het team van {{project}}"},
        .kinds =
            {
                .verification =
                    {.subject = "Bevestig je e-mailadres voor {{project}}",
                     .preview =
                         "Bevestig je e-mailadres om je account bij {{project}} af te ronden.",
                     .heading = "Bevestig je e-mailadres",
                     .intro = "Bevestig dat dit het e-mailadres van je account bij {{project}} is.",
                     .action = "E-mailadres bevestigen",
                     .ignore =
                         "Heb je geen account aangemaakt of dit niet aangevraagd? Dan kun je deze "
                         "e-mail negeren."},
                .recovery = {.subject = "Stel je wachtwoord voor {{project}} opnieuw in",
                             .preview = "Kies via deze link een nieuw wachtwoord voor {{project}}.",
                             .heading = "Wachtwoord opnieuw instellen",
                             .intro = "We hebben een verzoek ontvangen om het wachtwoord van je "
                                      "account bij {{project}} "
                                      "opnieuw in te stellen.",
                             .action = "Nieuw wachtwoord kiezen",
                             .ignore = "Heb je dit niet aangevraagd? Negeer dan deze e-mail; je "
                                       "wachtwoord blijft "
                                       "ongewijzigd."},
                .magic_session =
                    {.subject = "Inloggen bij {{project}}",
                     .preview = "Je inloglink voor {{project}}. Hij verloopt over 1 uur.",
                     .heading = "Inloggen bij {{project}}",
                     .intro = "Gebruik de knop hieronder om in te loggen op je account bij "
                              "{{project}}. De "
                              "link verloopt over 1 uur en werkt maar één keer.",
                     .action = "Inloggen",
                     .ignore =
                         "Heb je niet geprobeerd in te loggen? Dan kun je deze e-mail negeren."},
                .otp_session =
                    {
                        .subject = "Je inlogcode voor {{project}}",
                        .preview = "Je inlogcode voor {{project}} is {{otp}}. De code verloopt "
                                   "over 15 minuten.",
                        .heading = "Je inlogcode",
                        .intro = "Voer deze code in om in te loggen op je account bij {{project}}. "
                                 "De code "
                                 "verloopt over 15 minuten.",
                        .ignore =
                            "Heb je niet geprobeerd in te loggen? Dan kun je deze e-mail negeren."},
                .mfa_challenge =
                    {.subject = "Je verificatiecode voor {{project}}",
                     .preview =
                         "Je code voor verificatie in twee stappen bij {{project}} is {{otp}}.",
                     .heading = "Bevestig dat jij het bent",
                     .intro = "Voer deze code in om de verificatie in twee stappen bij {{project}} "
                              "af te "
                              "ronden. De code verloopt over 15 minuten.",
                     .ignore = "Heb je niet geprobeerd in te loggen? Dan kent iemand mogelijk je "
                               "wachtwoord: "
                               "wijzig het zo snel mogelijk."},
                .invitation = {.subject = "Uitnodiging voor het team {{team}} bij {{project}}",
                               .preview = "Je bent uitgenodigd om lid te worden van het team "
                                          "{{team}} bij {{project}}.",
                               .heading = "Je bent uitgenodigd",
                               .intro = "Je bent uitgenodigd om lid te worden van het team "
                                        "{{team}} bij {{project}}.",
                               .detail = "De uitnodiging komt van {{owner}}.",
                               .action = "Uitnodiging accepteren",
                               .ignore = "Geen interesse? Dan kun je deze e-mail negeren."},
                .session_alert =
                    {.subject = "Beveiligingsmelding: nieuwe login bij je account bij {{project}}",
                     .preview = "Nieuwe login bij {{project}} op {{date}} om {{time}} UTC.",
                     .heading = "Nieuwe login gedetecteerd",
                     .intro = "Op {{date}} om {{time}} UTC is er een nieuwe sessie gestart op je "
                              "account bij "
                              "{{project}}. De details:",
                     .ignore = "Was jij dit? Dan hoef je niets te doen. Zo niet, wijzig dan je "
                               "wachtwoord en "
                               "beëindig de sessies die je niet herkent."},
            }},
    Translation{
        .code = "pt-br",
        .direction = "ltr",
        .common = {.greeting = "Olá, {{user}},",
                   .greeting_anonymous = "Olá,",
                   .link_hint = "Se o botão não funcionar, copie este link no seu navegador:",
                   .client_info =
                       "Solicitado a partir de {{agentClient}} em {{agentDevice}} {{agentOs}}.",
                   .security_phrase =
                       "Frase de segurança: {{phrase}}. Só confie neste e-mail se ela for igual à "
                       "frase exibida no login.",
                   .device = "Dispositivo",
                   .ip_address = "Endereço IP",
                   .country = "País",
                   .signoff = "Obrigado,",
                   .signature = "Equipe {{project}}"},
        .kinds =
            {
                .verification =
                    {.subject = "Verifique seu e-mail para {{project}}",
                     .preview = "Confirme seu endereço de e-mail para concluir a configuração da "
                                "sua conta "
                                "{{project}}.",
                     .heading = "Confirme seu endereço de e-mail",
                     .intro = "Confirme que este é o endereço de e-mail da sua conta {{project}}.",
                     .action = "Verificar e-mail",
                     .ignore = "Se você não criou uma conta nem pediu esta verificação, pode "
                               "ignorar este "
                               "e-mail."},
                .recovery =
                    {
                        .subject = "Redefina a senha da sua conta {{project}}",
                        .preview = "Use este link para escolher uma nova senha para {{project}}.",
                        .heading = "Redefina sua senha",
                        .intro =
                            "Recebemos um pedido para redefinir a senha da sua conta {{project}}.",
                        .action = "Escolher nova senha",
                        .ignore = "Se você não fez esse pedido, ignore este e-mail; sua senha "
                                  "continua a mesma."},
                .magic_session = {.subject = "Entrar em {{project}}",
                                  .preview =
                                      "Seu link de acesso a {{project}}. Ele expira em 1 hora.",
                                  .heading = "Entre em {{project}}",
                                  .intro = "Use o botão abaixo para entrar na sua conta "
                                           "{{project}}. O link expira em "
                                           "1 hora e só funciona uma vez.",
                                  .action = "Entrar",
                                  .ignore = "Se você não tentou entrar, pode ignorar este e-mail."},
                .otp_session =
                    {.subject = "Seu código de acesso a {{project}}",
                     .preview =
                         "Seu código de acesso a {{project}} é {{otp}}. Ele expira em 15 minutos.",
                     .heading =
                         "Seu código de acesso",
                     .intro = "Digite este código para entrar na sua conta {{project}}. Ele expira "
                              "em "
                              "15 minutos.",
                     .ignore = "Se você não tentou entrar, pode ignorar este e-mail."},
                .mfa_challenge =
                    {.subject = "Seu código de verificação de {{project}}",
                     .preview =
                         "Seu código de verificação em duas etapas para {{project}} é {{otp}}.",
                     .heading = "Confirme que é você",
                     .intro = "Digite este código para concluir a verificação em duas etapas em "
                              "{{project}}. "
                              "Ele expira em 15 minutos.",
                     .ignore = "Se você não tentou entrar, alguém pode conhecer sua senha: "
                               "altere-a o quanto "
                               "antes."},
                .invitation =
                    {.subject = "Convite para a equipe {{team}} em {{project}}",
                     .preview = "Você foi convidado para entrar na equipe {{team}} em {{project}}.",
                     .heading = "Você recebeu um convite",
                     .intro = "Você foi convidado para entrar na equipe {{team}} em {{project}}.",
                     .detail =
                         "O convite foi enviado por {{owner}}.",
                     .action =
                         "Aceitar convite",
                     .ignore =
                         "Se não tiver interesse, pode ignorar este e-mail."},
                .session_alert =
                    {.subject = "Alerta de segurança: novo acesso à sua conta {{project}}",
                     .preview = "Novo acesso a {{project}} em {{date}} às {{time}} UTC.",
                     .heading = "Novo acesso detectado",
                     .intro = "Uma nova sessão foi iniciada na sua conta {{project}} em {{date}} "
                              "às {{time}} "
                              "UTC. Veja os detalhes:",
                     .ignore =
                         "Se foi você, não precisa fazer nada. Caso contrário, altere sua senha e "
                         "encerre as sessões que não reconhecer."},
            }},
};

}  // namespace

std::span<const Translation> translations() noexcept { return kTranslations; }

}  // namespace basalt::auth::detail
