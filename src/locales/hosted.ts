import type { HostedFormMessages, HostedPageMessages } from '../core/i18n.js';
import type { Lang } from '../core/schema.js';

/** What the hosted form adds to the element's strings (see `HostedFormMessages`). */
export const hostedForm: Record<Lang, HostedFormMessages> = {
  hi: {
    changeStation: 'यह सही थाना या कार्यालय नहीं है? बदलें',
    anonymousHintNoScript: 'नाम और मोबाइल नंबर देने के लिए यह बॉक्स खाली करें और नीचे भरें। बॉक्स चुना रहने पर वे नहीं भेजे जाते।',
    onlyIf: 'केवल तभी भरें जब "{question}" का उत्तर "{answer}" हो।',
  },
  en: {
    changeStation: 'Not the right station or office? Change it',
    anonymousHintNoScript: 'To give your name and mobile number, untick this box and fill them in below. While it is ticked, they are not sent.',
    onlyIf: 'Only if your answer to "{question}" is "{answer}".',
  },
};

/** The hosted pages' strings (see `HostedPageMessages`): the collector's only. */
export const hostedPages: Record<Lang, HostedPageMessages> = {
  hi: {
    pickerTitle: 'अपना थाना या कार्यालय चुनें',
    pickerUnknown: 'इस लिंक का थाना ({id}) हमारी सूची में नहीं है। कृपया नीचे अपना ज़िला, फिर थाना चुनें।',
    chooseDistrict: 'अपना ज़िला चुनें',
    chooseStation: '{district} के थाने और कार्यालय',
    otherDistrict: 'दूसरा ज़िला चुनें',
    sentTitle: 'आपका फ़ीडबैक भेज दिया गया है',
    referenceLabel: 'संदर्भ संख्या',
    alreadySent: 'यह फ़ॉर्म पहले ही भेजा जा चुका है। अलग फ़ीडबैक देने के लिए नया फ़ॉर्म भरें।',
    expired: 'यह पेज बहुत देर तक खुला रहा। आपके उत्तर सुरक्षित हैं: उन्हें जाँचें और फिर से भेजें।',
    badPost: 'यह फ़ॉर्म स्वीकार नहीं हो सका। कृपया नया फ़ॉर्म भरें।',
    noticeTitle: 'गोपनीयता सूचना',
    privacyText: [
      'यह पेज {site} का फ़ीडबैक फ़ॉर्म है। आपके उत्तर सीधे {office} को जाते हैं, और केवल वही उन्हें पढ़ता है।',
      'आप अपनी पहचान गोपनीय रख सकते हैं: तब आपका नाम या मोबाइल नंबर न माँगा जाता है, न भेजा जाता है। हम कुकी, विश्लेषण या किसी अन्य कंपनी की सेवा का उपयोग नहीं करते, और आपका आईपी पता नहीं रखते।',
      'यदि आप नाम और मोबाइल नंबर देते हैं, तो वे केवल इस फ़ीडबैक पर आपसे संपर्क करने के लिए हैं। फ़ीडबैक बंद होने के बाद उन्हें अधिकतम {days} तक रखा जाता है, फिर मिटा दिया जाता है। आप कभी भी अपनी सहमति वापस लेकर उन्हें मिटवा सकते हैं: {office} से अपनी संदर्भ संख्या के साथ संपर्क करें।',
      'ध्यान दें: आप जो लिखते हैं उससे भी आपकी पहचान हो सकती है।',
    ],
    privacyFooter: 'गोपनीयता सूचना',
    defaultOffice: 'पुलिस महानिरीक्षक (आईजी) कार्यालय',
    noDirectory: 'यह पेज थाने के क्यूआर कोड से खुलता है। कृपया अपने थाने में लगा क्यूआर कोड स्कैन करें।',
  },
  en: {
    pickerTitle: 'Choose your police station or office',
    pickerUnknown: 'The station in this link ({id}) is not in our list. Please choose your district below, then your station.',
    chooseDistrict: 'Choose your district',
    chooseStation: 'Police stations and offices in {district}',
    otherDistrict: 'Choose another district',
    sentTitle: 'Your feedback has been sent',
    referenceLabel: 'Reference number',
    alreadySent: 'This form has already been sent. To give different feedback, fill in a new form.',
    expired: 'This page was open for too long. Your answers are kept: check them and send again.',
    badPost: 'This form could not be accepted. Please fill in a new form.',
    noticeTitle: 'Privacy notice',
    privacyText: [
      'This is the feedback form of {site}. Your answers go directly to {office}, and only it reads them.',
      'You may keep your identity confidential: then your name and mobile number are neither asked for nor sent. We use no cookies, no analytics and no other company\'s services, and we do not keep your IP address.',
      'If you give your name and mobile number, they are used only to contact you about this feedback. They are kept for at most {days} after the feedback is closed, and then erased. You can withdraw your consent and have them erased at any time: contact {office} with your reference number.',
      'Note: what you write can also identify you.',
    ],
    privacyFooter: 'Privacy notice',
    defaultOffice: "the Inspector General of Police's (IG) office",
    noDirectory: 'This page opens from a police station\'s QR code. Please scan the code on the wall of your station.',
  },
};
