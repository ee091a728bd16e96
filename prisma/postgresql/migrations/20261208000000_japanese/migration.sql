-- Japanese joins the interface languages (issue 18).
ALTER TYPE "Locale" ADD VALUE 'ja';
