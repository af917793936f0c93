"""English conversations about Thermia smart thermostats (the "Product Alpha" queue)."""

from __future__ import annotations

from services.backends.demo.topics import ALPHA, THERMIA, Topic

TOPICS = (
    Topic(
        "pairing", ALPHA, THERMIA, (30, 60), 10,
        subjects=("Thermostat won't pair with the app", "{model} stuck on \"Connecting...\" during setup",
                  "Can't add my thermostat to the Thermia app"),
        openings=(
            "I installed my {model} on Saturday and I can't get it to pair with the app. The light blinks "
            "blue, the app finds the device, then it sits on \"Connecting...\" for a couple of minutes and "
            "says \"Pairing failed (code {error})\".\n\nI've already restarted the router and my phone and "
            "tried again standing right next to the thermostat. My Wi-Fi uses the same name for 2.4 GHz "
            "and 5 GHz, could that be the problem?\n\nThe serial number is {serial} if that helps.",
            "Since we changed internet provider last week the thermostat has dropped off the app and I "
            "can't get it back. I followed the reset procedure from the manual (holding the dial for 10 "
            "seconds) and it starts pairing but never finishes.\n\nThe heating still works from the "
            "thermostat itself, but I can't control anything from my phone, which was the whole point of "
            "buying it.\n\nApp version {app_version}, Android.",
        ),
        replies=(
            "Thanks for the details, that helps a lot.\n\nThe {model} can only join a 2.4 GHz network, and "
            "some routers steer it to 5 GHz when both bands share one name. Could you try this:\n\n1. In "
            "your router settings, temporarily turn off the 5 GHz band (or give it a different name).\n2. "
            "On the thermostat, hold the dial for 10 seconds until the light blinks blue.\n3. In the app, "
            "go to Devices > Add device and follow the steps again.",
            "Sorry to hear the thermostat dropped off after the change of provider. A new router means a "
            "new network name and password, so the thermostat has to be paired again from scratch.\n\n"
            "Please remove the old device from the app first (Devices > {model} > Remove), then start the "
            "pairing again. If it still stops at the same point, could you tell me which router you have?",
        ),
        followups=(
            "I turned off the 5 GHz band and it paired straight away. Is it OK to switch it back on now, or "
            "will the thermostat lose the connection again?",
            "Still no luck. I removed the device and tried three more times, it always stops at the last "
            "step with code {error}. The router is the one supplied by the ISP, if that matters.",
        ),
        notes=(
            "Error {error} during pairing = DHCP timeout. Known with some ISP boxes that have client "
            "isolation on by default. Asked the customer to check.",
            "Checked the device in the admin console: serial {serial}, firmware {fw_old}, last seen "
            "{days} days ago. Nothing wrong on our side.",
        ),
        resolutions=(
            "Yes, you can switch the 5 GHz band back on: once paired, the thermostat remembers the 2.4 GHz "
            "network and stays on it. If the connection ever drops, the app shows a banner and you can "
            "re-pair in under a minute.",
            "The box had \"client isolation\" enabled, which stops the thermostat from talking to your "
            "phone on the local network. Turning it off in the box settings (Wi-Fi > Advanced) is safe and "
            "lets the pairing finish. I've added a note to your account so my colleagues know the history.",
        ),
    ),
    Topic(
        "firmware", ALPHA, THERMIA, (30, 70), 9,
        subjects=("Firmware update stuck at {pct}%", "Thermostat keeps restarting after update to {fw_new}",
                  "Update failed, screen shows {error}"),
        openings=(
            "Last night the app offered a firmware update ({fw_old} to {fw_new}). I accepted it and this "
            "morning the thermostat still shows the progress bar stuck at {pct}%. The heating seems to run "
            "but I can't change anything on the device.\n\nShould I unplug it? I don't want to brick it, "
            "and it's -2°C outside so I'd rather not lose heating control for long.",
            "After the automatic update to {fw_new} my {model} restarts every few minutes. The screen shows "
            "the Thermia logo, then the temperature for a bit, then reboots again. It has been doing this "
            "since yesterday evening.\n\nIs there a way to go back to the previous version?",
        ),
        replies=(
            "Please don't unplug it yet. The update has two stages and the second one can take up to 40 "
            "minutes on a weak Wi-Fi signal.\n\nIf the bar still hasn't moved in an hour, you can safely "
            "restart it: take the thermostat off its wall plate for 10 seconds and put it back. It will "
            "start on the previous firmware ({fw_old}) and retry later. Your schedule and settings are kept.",
            "Thanks for the report. A restart loop after {fw_new} is something we've seen on a small number "
            "of units, and our firmware team has a fix.\n\nI've pushed the corrected version to your "
            "thermostat from our side. It should install within the hour; please leave it powered and "
            "connected, and let me know once it has stopped restarting.",
        ),
        followups=(
            "It finally finished after I restarted it and now shows {fw_new}. The schedule is still there. "
            "But the temperature reads one degree higher than before, is that normal?",
            "It's been two hours and it's still rebooting. I haven't touched anything.",
        ),
        notes=(
            "Unit {serial} is in the batch affected by the {fw_new} restart loop (see engineering "
            "bulletin). Pushed the hotfix manually.",
            "Second report this week of an update stuck at the same percentage, both customers on the same "
            "ISP. Mentioned it in the firmware channel.",
        ),
        resolutions=(
            "Yes, that's expected: {fw_new} brings a new sensor calibration, and our logs show the "
            "thermostat has been stable since the update. If you prefer the old reading, you can adjust it "
            "under Settings > Temperature offset.",
            "Since the unit still won't start properly, we'll replace it. You'll receive a prepaid return "
            "label by e-mail today, and the new thermostat ships as soon as the carrier scans the parcel. "
            "Your schedule is stored in your account and will be restored automatically.",
        ),
    ),
    Topic(
        "schedule", ALPHA, THERMIA, (20, 50), 8,
        subjects=("Heating ignores my schedule", "Temperature shown is 2 degrees off",
                  "Eco mode switches on by itself"),
        openings=(
            "I've set a schedule for weekdays (19°C from 6:30, 16°C from 8:30, 20°C from 17:00) but the "
            "thermostat doesn't follow it. This morning the house was cold at 7 because it stayed at 16°C."
            "\n\nThe schedule looks right in the app. Am I missing a setting somewhere?",
            "The thermostat says 21°C but the room is clearly colder: I put a separate thermometer next to "
            "it and it reads 19°C. The thermostat is on an inside wall in the hallway, not near a radiator "
            "or a window.\n\nIs the sensor faulty?",
        ),
        replies=(
            "Two things can override a schedule: Eco mode when everybody is away (it uses the location of "
            "the phones linked to the home), and a manual turn of the dial, which holds until the next "
            "step.\n\nCould you check Settings > Presence and tell me whether Eco mode is on and how many "
            "phones are linked to the home?",
            "A 2 degree difference usually comes from heat inside the wall: hallway walls often carry warm "
            "pipes. You can correct the reading under Settings > Temperature offset (set it to -2.0).\n\n"
            "If the difference changes a lot during the day, the sensor may be faulty and we'd replace the "
            "unit; in that case could you note a few readings at different times?",
        ),
        followups=(
            "Eco mode was on and my son's old phone was still linked to the home, that must be why it "
            "thought nobody was in. I removed it. I'll see tomorrow morning.",
            "I set the offset and it matches now. Is there a way to see the temperature history? My wife "
            "thinks the heating runs too much at night.",
        ),
        notes=(
            "Presence log shows the home switching to 'away' every morning at 6:25: an unused phone with "
            "location permission is still linked to the account.",
            "Customer might like the energy report (Thermia Pro only). Don't push an upgrade, mention it "
            "only if asked.",
        ),
        resolutions=(
            "That explains it. With the old phone removed, Eco mode only starts when all of you are away. "
            "You can see past temperatures and heating times in the app under History (tap the graph to "
            "see each day).",
            "Yes: the History tab in the app shows each day's temperatures and when the heating actually "
            "ran. If you lower the night setting by one or two degrees, you'll see the difference there "
            "within a week.",
        ),
    ),
    Topic(
        "install", ALPHA, THERMIA, (40, 70), 6,
        subjects=("Screen stays black after installation", "'Low power' warning every night",
                  "Does the {model} need a C-wire?"),
        openings=(
            "I replaced my old thermostat with the {model}, following the installation video. The screen "
            "stays black. The old one ran on batteries; I connected the two wires to R and W as the app "
            "told me.\n\nDo I need to call an electrician or is there something I can check myself?",
            "I'm an installer and fitted three {model} units this week. Two are fine, the third keeps "
            "showing 'Low power' and switching off at night. Same boiler model in all three houses. Any "
            "idea what's different?",
        ),
        replies=(
            "With only two wires (R and W), the {model} needs the Power Adapter that came in the box, "
            "because it draws a bit more power than a battery thermostat. It's the small white module "
            "marked 'PA-2': it goes next to the boiler and adds the missing common wire.\n\nThe wiring "
            "diagram is on page 6 of the quick-start guide.",
            "'Low power' at night usually means the boiler cuts its 24 V supply in standby, which some "
            "older boards do. Could you send me the boiler's year of manufacture and a photo of the wiring "
            "at the boiler end?",
        ),
        followups=(
            "I found the adapter in the box (I thought it was a spare part...). Fitted it and the screen "
            "came on straight away.",
            "Photo attached. The boiler is the same model but a 2009 version, the other two are newer.",
        ),
        notes=("2009 boards cut the 24 V line in standby: PA-2 adapter needed even with 3 wires.",),
        resolutions=(
            "Glad it's up and running! With the adapter in place the thermostat gets steady power, so you "
            "won't see low-power warnings. Everything else is set up from the app.",
            "On that older board the Power Adapter is needed even with three wires, because the boiler "
            "cuts its supply in standby. I've sent a free PA-2 to your business address; once fitted, the "
            "warning will go away.",
        ),
    ),
    Topic(
        "presale_alpha", ALPHA, THERMIA, (60, 85), 5,
        subjects=("Is the {model} compatible with my heat pump?", "Thermostats for 14 rental flats",
                  "Question before buying: two zones?"),
        openings=(
            "We're about to replace our heating with an air-to-water heat pump and I'd like to know if the "
            "{model} works with it. The installer says it has a 'volt-free contact' input for a room "
            "thermostat.\n\nAlso, can one thermostat control the underfloor heating downstairs and the "
            "radiators upstairs separately, or do we need two?",
            "I manage 14 rental flats and I'm looking for thermostats I can monitor remotely, so I can see "
            "when a flat is too cold (damp problems) without bothering tenants. Do you offer an account "
            "with several homes, and a volume price?",
        ),
        replies=(
            "Yes: the {model} works with heat pumps that have a volt-free contact input, the most common "
            "kind. For two zones you'd need one thermostat per zone; both show up in the same app and can "
            "share a schedule or have their own.\n\nIf you tell me the heat pump model I'll check it "
            "against our compatibility list.",
            "Our Thermia Pro plan is designed for that: one account with several homes, an alert when a "
            "home drops below a temperature you choose, and privacy for tenants (you see temperatures, not "
            "who is at home). From 10 units we offer a volume discount; I've asked our sales team to send "
            "you a quote within one working day.",
        ),
        followups=(
            "The heat pump is a 2023 air-to-water model with a volt-free input. Is installation included if "
            "we order from your website?",
            "Thanks. Can tenants still change the temperature themselves? I don't want complaints.",
        ),
        notes=("Pre-sale: forwarded to sales with the unit count.",),
        resolutions=(
            "Then you're all set. Installation isn't included with website orders, but you'll find "
            "certified installers near you under Support > Find an installer. Good luck with the project!",
            "Yes: tenants keep the dial and their own app, and you can set a minimum and maximum so the "
            "flat never gets too cold or too hot. Our sales team has your quote ready; reply to their "
            "e-mail if you'd like to adjust the number of units.",
        ),
    ),
    Topic(
        "marketplace", ALPHA, THERMIA, (90, 100), 3,
        subjects=("URGENT: marketplace order {order} arrived broken",
                  "Order {order}: wrong item, second time I write!!",
                  "Refund NOW or I leave a 1-star review"),
        openings=(
            "This is UNACCEPTABLE. I ordered a {model} on the marketplace (order {order}) and it arrived "
            "with a cracked screen. The box was fine, so it was packed broken.\n\nI need a working "
            "thermostat before the weekend, my old one is already off the wall. If this isn't sorted TODAY "
            "I'm leaving a 1-star review and opening a claim with the marketplace.",
            "Second time I contact you about order {order}. I received a Thermia Mini instead of the "
            "{model} I paid for, and nobody answered my marketplace message from {days} days ago. I want "
            "the right product by Friday or a full refund, and I want an answer today.",
        ),
        replies=(
            "I'm really sorry, that's not the experience you should have had, and I understand the urgency "
            "with your old thermostat already off the wall.\n\nA replacement {model} leaves today by express "
            "delivery and should reach you tomorrow before 1 pm. You don't need to send the broken one back "
            "first; a return label is in the parcel. I've also answered on the marketplace thread.",
            "You're right to be upset, and I apologise that your first message went unanswered. The "
            "warehouse picked the wrong item for order {order}. The correct {model} leaves today by express "
            "delivery; please keep the Mini until the courier collects it. There's nothing to pay.",
        ),
        followups=(
            "OK. I'll believe it when I see it. What's the tracking number?",
            "Received it this morning and it works. Thanks for sorting it out quickly in the end.",
        ),
        notes=(
            "Marketplace SLA: answer within 24 h or the order is flagged. Express shipping approved by the "
            "team lead.",
            "Customer already opened a marketplace claim; answered on the marketplace thread too.",
        ),
        resolutions=(
            "The tracking number is {tracking}. The courier will text you a one-hour delivery window "
            "tomorrow morning. Sorry again for the trouble.",
            "Glad it arrived and works. The courier will collect the Mini this week, and I've closed the "
            "marketplace claim on our side with a note of what happened.",
        ),
    ),
    Topic(
        "rma", ALPHA, THERMIA, (30, 60), 5,
        subjects=("Display flickering", "Dial no longer turns properly", "Warranty replacement request"),
        openings=(
            "My {model}, bought {months} months ago, has started flickering. The display dims and brightens "
            "every few seconds and some digits are missing now. It still heats, but you can't read "
            "anything.\n\nIs this covered by the warranty? I have the receipt from the shop.",
            "The dial on my thermostat has become very stiff and sometimes doesn't register a turn at all. "
            "It's a bit over a year old. Serial number {serial}. What are my options?",
        ),
        replies=(
            "Sorry about that: it's a hardware fault and it's covered by the 2-year warranty. To start the "
            "replacement I just need a photo of the receipt, and your delivery address if it has changed."
            "\n\nYou keep the current unit until the new one arrives, so you're never without heating.",
        ),
        followups=(
            "Here's the receipt. The address is the same. How long will it take?",
            "Thanks. Will I have to set everything up again on the new one?",
        ),
        notes=("Warranty OK (purchase date checked on the receipt). RMA created.",),
        resolutions=(
            "The replacement has shipped and should arrive within 3 working days. When it does, add it with "
            "Devices > Replace a device: your schedule, rooms and history move over automatically. Please "
            "send the old one back within 30 days with the prepaid label.",
        ),
    ),
)
